using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WebGen.Training;

namespace WebGen.Training.Server;

/// <summary>Registers the environment server.</summary>
public static class EnvironmentServerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the environment server: validated <see cref="EnvironmentServerOptions"/> (checked at host start-up, with
    /// an API key generated when one is required but none is configured), the
    /// episode registry, the idle-episode sweeper (a hosted service on the registered <see cref="TimeProvider"/>) and, unless
    /// one is registered, the reference reward <see cref="StepGrpoRewardAdapter.Reference"/>. The
    /// <see cref="WebGenEnvironment"/> comes from <c>services.AddWebGenAgent()</c> and its parts; map the endpoints with
    /// <see cref="EnvironmentEndpointRouteBuilderExtensions.MapWebGenEnvironment"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Edits the options; optional.</param>
    public static IServiceCollection AddWebGenEnvironmentServer(this IServiceCollection services, Action<EnvironmentServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<EnvironmentServerOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddLogging();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<EnvironmentServerOptions>, GeneratedApiKey>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EnvironmentServerOptions>, EnvironmentServerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IStepRewardAdapter>(StepGrpoRewardAdapter.Reference);
        services.TryAddSingleton<EpisodeRegistry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EpisodeSweeper>());
        return services;
    }
}
