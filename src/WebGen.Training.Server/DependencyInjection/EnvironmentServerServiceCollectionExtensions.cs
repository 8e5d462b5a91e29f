using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WebGen.Orleans;
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
        services.TryAddSingleton<IEpisodeHost, LocalEpisodeHost>();
        services.TryAddSingleton<BenchTasks>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EpisodeSweeper>());
        return services;
    }

    /// <summary>
    /// Puts the environment server's episodes on a WebGen cluster's worker silos instead of this process: each episode
    /// takes a slot on the worker with the most free slots (a full cluster answers 429, like the server's own limit), its
    /// sandbox and browser live there, and when its worker dies it resumes on another one from its last recorded step
    /// (the step in progress is redone with the same answer). Needs an Orleans client (<c>UseOrleansClient</c>) whose
    /// cluster runs workers (<c>AddWebGenWorker</c>) with a shared run store; no local <see cref="WebGenEnvironment"/> is
    /// needed. Call it with <see cref="AddWebGenEnvironmentServer"/>, in either order.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Edits the cluster client's options (poll wait, placement attempts, how long to wait for a worker); optional.</param>
    public static IServiceCollection AddWebGenClusterEpisodes(this IServiceCollection services, Action<WebGenClusterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddWebGenCluster(configure);
        services.RemoveAll<IEpisodeHost>();
        services.AddSingleton<IEpisodeHost, ClusterEpisodeHost>();
        return services;
    }
}
