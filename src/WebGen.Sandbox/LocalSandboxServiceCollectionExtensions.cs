using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebGen;
using WebGen.Sandbox;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="LocalNodeSandbox"/> with dependency injection.</summary>
public static class LocalSandboxServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="LocalNodeSandbox"/> as the singleton <see cref="ISandbox"/>, with
    /// <see cref="LocalSandboxOptions"/> validated at start-up (<c>ValidateOnStart</c>). Options can also be bound
    /// from configuration with <c>services.Configure&lt;LocalSandboxOptions&gt;(section)</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts the options.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddLocalNodeSandbox(this IServiceCollection services, Action<LocalSandboxOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<LocalSandboxOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalSandboxOptions>, LocalSandboxOptionsValidator>());
        services.TryAddSingleton(provider => new LocalNodeSandbox(
            provider.GetRequiredService<IOptions<LocalSandboxOptions>>().Value,
            provider.GetService<ILoggerFactory>(),
            provider.GetService<TimeProvider>()));
        services.TryAddSingleton<ISandbox>(provider => provider.GetRequiredService<LocalNodeSandbox>());
        return services;
    }
}
