using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WebGen.Orleans;

/// <summary>Registers the cluster client.</summary>
public static class WebGenClusterServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IWebGenCluster"/> over the registered Orleans <see cref="IGrainFactory"/> (an Orleans client,
    /// or the silo itself) with validated <see cref="WebGenClusterOptions"/> and the registered <see cref="IRunStoreFactory"/>,
    /// if any (to copy completed runs into <see cref="WebGenClusterOptions.RunsDirectory"/>), and
    /// <see cref="WebGenClusterEnvironment"/> (turn-by-turn episodes on the workers) with the same options.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Edits the options; optional.</param>
    public static IServiceCollection AddWebGenCluster(this IServiceCollection services, Action<WebGenClusterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebGenClusterOptions>, ClusterOptionsValidator>());
        var options = services.AddOptions<WebGenClusterOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<IWebGenCluster>(sp => new WebGenCluster(
            sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredService<IOptions<WebGenClusterOptions>>().Value,
            sp.GetService<IRunStoreFactory>(),
            sp.GetService<ILogger<WebGenCluster>>(),
            sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => new WebGenClusterEnvironment(
            sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredService<IOptions<WebGenClusterOptions>>().Value,
            sp.GetService<ILogger<WebGenClusterEnvironment>>(),
            sp.GetService<TimeProvider>()));
        return services;
    }
}
