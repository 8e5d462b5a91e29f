using System.CommandLine;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;
using WebGen.Orleans;

namespace WebGen.Cli;

/// <summary>
/// <c>webgen silo --cluster redis://host:port</c>: runs a worker of a WebGen cluster, hosting episodes with this
/// machine's sandbox, browser and models (composed as for a local run) until stopped.
/// </summary>
internal static class SiloCommand
{
    public static Command Create(CliContext context)
    {
        var cluster = ClusterAddress.Option();
        cluster.Required = true;
        var clusterId = ClusterAddress.IdOption();
        var slots = new Option<int>("--slots") { Description = "Episodes this worker runs at once (default 4; see docs/scale-out.md for sizing).", DefaultValueFactory = _ => 4 };
        var runs = new Option<string?>("--runs") { Description = "Local folder for the episodes' workspaces (default: ./runs or WebGen:Agent:RunsDirectory)." };
        var address = new Option<string>("--address") { Description = "The IP address other silos and clients reach this one at (default 127.0.0.1).", DefaultValueFactory = _ => "127.0.0.1" };
        var siloPort = new Option<int>("--silo-port") { Description = "Port for silo-to-silo traffic (default 11111).", DefaultValueFactory = _ => 11111 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Port for clients (default 30000).", DefaultValueFactory = _ => 30000 };
        var command = new Command("silo", "Run a worker of a WebGen cluster (Orleans, Redis membership and run store): it hosts episodes in its slots; an episode of a worker that dies continues on another.")
        {
            cluster, clusterId, slots, runs, address, siloPort, gatewayPort,
        };
        command.SetAction((parse, cancellationToken) => context.GuardAsync(
            async () =>
            {
                var settings = context.LoadSettings(parse);
                var configuration = ClusterAddress.ToRedisConfiguration(parse.GetValue(cluster)!);
                if (!IPAddress.TryParse(parse.GetValue(address), out var ip))
                {
                    throw new CliException($"--address '{parse.GetValue(address)}' is not an IP address.");
                }

                await using var redis = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
                if (!redis.IsConnected)
                {
                    throw new CliException($"The cluster's Redis at {parse.GetValue(cluster)} cannot be reached.");
                }

                var runsDirectory = parse.GetValue(runs);
                var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
                builder.UseOrleans(silo =>
                {
                    silo.UseRedisClustering(configuration);
                    silo.Configure<ClusterOptions>(o =>
                    {
                        o.ClusterId = parse.GetValue(clusterId)!;
                        o.ServiceId = "webgen";
                    });
                    silo.ConfigureEndpoints(ip, parse.GetValue(siloPort), parse.GetValue(gatewayPort));

                    // Direct probes only. With indirect probes, a silo that has missed probes of a dead peer asks another
                    // silo to probe it and votes only on a prompt answer; measured with three silos and one killed, every
                    // such request timed out, nobody voted, and the dead silo (with its episodes) stayed "active" for minutes.
                    silo.Configure<ClusterMembershipOptions>(o => o.EnableIndirectProbes = false);
                    silo.AddWebGenWorker(o => o.Slots = parse.GetValue(slots));
                    CliPipeline.Register(silo.Services, settings, o =>
                        {
                            if (runsDirectory is not null)
                            {
                                o.RunsDirectory = runsDirectory;
                            }
                        }, context.Error)
                        .UseRunStore(new RedisRunStoreFactory(redis));
                });

                using var host = builder.Build();
                await context.Out.WriteLineAsync(settings.IsOffline ? AgentRunner.OfflineNotice : "code model: " + settings.Code.Describe()).ConfigureAwait(false);
                await host.StartAsync(cancellationToken).ConfigureAwait(false);
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"silo {ip}:{parse.GetValue(siloPort)} joined cluster {parse.GetValue(clusterId)} with {parse.GetValue(slots)} slot(s); stop it with Ctrl+C")).ConfigureAwait(false);
                await context.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Ctrl+C: leave the cluster gracefully; episodes here stop and continue on other workers.
                }

                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
                await context.Out.WriteLineAsync("silo stopped").ConfigureAwait(false);
                return 0;
            },
            cancellationToken));
        return command;
    }
}
