using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using WebGen.Testing;

namespace WebGen.Orleans.Tests;

/// <summary>
/// Three in-process silos (TestingHost) with 1, 2 and 2 slots, checkpointing to a real redis-server, each with the
/// <see cref="ClusterWorld"/>'s parts (the code model is the loopback OpenAI-compatible server) and its own runs
/// directory.
/// </summary>
internal sealed class ThreeSilos : IAsyncDisposable
{
    private ThreeSilos(TempDirectory temp, RedisServer redis, ClusterWorld world, InProcessTestCluster cluster)
    {
        Temp = temp;
        Redis = redis;
        World = world;
        Cluster = cluster;
    }

    public TempDirectory Temp { get; }

    public RedisServer Redis { get; }

    public ClusterWorld World { get; }

    public InProcessTestCluster Cluster { get; }

    public static async Task<ThreeSilos> StartAsync()
    {
        var temp = new TempDirectory();
        var redis = await RedisServer.StartAsync();
        var world = await ClusterWorld.StartAsync();
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((silo, siloBuilder) =>
        {
            siloBuilder.Services.AddSingleton(redis.Connection);
            world.Use(siloBuilder.AddWebGenWorker(o => o.Slots = SlotsOf(silo.SiloName)))
                .UseRunStore(new RedisRunStoreFactory(redis.Connection))
                .Configure(o => o.RunsDirectory = temp.Combine("silos", silo.SiloName));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new ThreeSilos(temp, redis, world, cluster);
    }

    /// <summary>The primary (the membership seed) has the fewest slots, so placement does not pick it first.</summary>
    public static int SlotsOf(string siloName) => siloName is "Primary" or "Silo_0" ? 1 : 2;

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await World.DisposeAsync();
        await Redis.DisposeAsync();
        Temp.Dispose();
    }
}
