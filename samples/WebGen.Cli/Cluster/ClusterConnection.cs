using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WebGen.Training.Server;
using Orleans.Configuration;
using StackExchange.Redis;
using WebGen.Orleans;

namespace WebGen.Cli;

/// <summary>An Orleans client of a WebGen cluster: its <see cref="IWebGenCluster"/> stands in for the local agent.</summary>
internal sealed class ClusterConnection : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly ConnectionMultiplexer _redis;

    private ClusterConnection(IHost host, ConnectionMultiplexer redis)
    {
        _host = host;
        _redis = redis;
    }

    public IWebGenCluster Agent => _host.Services.GetRequiredService<IWebGenCluster>();

    /// <summary>Connects to the cluster; completed runs are copied into <paramref name="runsDirectory"/> like local runs.</summary>
    public static async Task<ClusterConnection> ConnectAsync(string address, string clusterId, string runsDirectory, TextWriter output, CancellationToken cancellationToken)
    {
        var configuration = ClusterAddress.ToRedisConfiguration(address);
        var redis = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        if (!redis.IsConnected)
        {
            await redis.DisposeAsync().ConfigureAwait(false);
            throw new CliException($"The cluster's Redis at {address} cannot be reached.");
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseRedisClustering(configuration);
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = "webgen";
            });
        });
        builder.Services.AddSingleton<IRunStoreFactory>(new RedisRunStoreFactory(redis));
        builder.Services.AddWebGenCluster(o => o.RunsDirectory = runsDirectory);
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            await redis.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var connection = new ClusterConnection(host, redis);
        var workers = await connection.Agent.GetWorkersAsync(cancellationToken).ConfigureAwait(false);
        if (workers.Count == 0)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new CliException($"Cluster '{clusterId}' at {address} has no worker: start some with `webgen silo --cluster {address}`.");
        }

        await output.WriteLineAsync($"cluster {clusterId}: {workers.Count} worker(s), {workers.Sum(w => w.Capacity)} slot(s)").ConfigureAwait(false);
        return connection;
    }

    /// <summary>Fails with a clear message when the cluster's Redis cannot be reached.</summary>
    public static async Task EnsureReachableAsync(string address)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(ClusterAddress.ToRedisConfiguration(address)).ConfigureAwait(false);
        if (!redis.IsConnected)
        {
            throw new CliException($"The cluster's Redis at {address} cannot be reached.");
        }
    }

    /// <summary>
    /// Registers an Orleans client of the cluster and puts the environment server's episodes on its workers
    /// (<c>webgen env-server --cluster</c>); the server composes no sandbox, browser or model of its own.
    /// </summary>
    public static void AddEpisodes(IServiceCollection services, ClusterTarget target, CliSettings settings, TextWriter logWriter)
    {
        var configuration = ClusterAddress.ToRedisConfiguration(target.Address);
        services.AddLogging(logging =>
        {
            logging.AddConfiguration(settings.Configuration.GetSection("Logging"));
            logging.SetMinimumLevel(LogLevel.Warning);
            logging.AddProvider(new TextWriterLoggerProvider(logWriter));
        });
        services.AddOrleansClient(client =>
        {
            client.UseRedisClustering(configuration);
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = target.Id;
                o.ServiceId = "webgen";
            });
        });
        services.AddWebGenClusterEpisodes();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        finally
        {
            _host.Dispose();
            await _redis.DisposeAsync().ConfigureAwait(false);
        }
    }
}
