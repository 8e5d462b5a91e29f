using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Hosting;

namespace WebGen.Orleans;

/// <summary>Makes a silo a WebGen worker.</summary>
public static class WebGenSiloBuilderExtensions
{
    /// <summary>
    /// Hosts WebGen episodes on this silo: registers the agent (<see cref="WebGenServiceCollectionExtensions.AddWebGenAgent"/>,
    /// whose builder is returned to plug the silo's own sandbox, browser and models), the silo's episode slots and the
    /// placement that puts an episode only where a slot is free. Give every worker the same shared run store
    /// (<c>UseRunStore(new RedisRunStoreFactory(...))</c>) so an episode whose silo dies resumes on another one.
    /// </summary>
    /// <param name="siloBuilder">The silo builder.</param>
    /// <param name="configure">Sets the worker's options (its slots); optional.</param>
    public static WebGenAgentBuilder AddWebGenWorker(this ISiloBuilder siloBuilder, Action<WebGenWorkerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(siloBuilder);
        var services = siloBuilder.Services;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebGenWorkerOptions>, ClusterOptionsValidator>());
        var options = services.AddOptions<WebGenWorkerOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SlotLedger>();
        services.AddPlacementDirector<EpisodeSlotPlacement, EpisodeSlotPlacementDirector>();
        services.AddPlacementDirector<SiloPinnedPlacement, SiloPinnedPlacementDirector>();
        return services.AddWebGenAgent();
    }
}
