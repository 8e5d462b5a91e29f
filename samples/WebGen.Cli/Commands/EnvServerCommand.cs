using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WebGen.Orleans;
using WebGen.Training.Server;

namespace WebGen.Cli;

/// <summary>
/// <c>webgen env-server</c>: the Step-GRPO environment server (WebGen.Training.Server) as a command, so a Python trainer
/// drives WebGen episodes over HTTP, or through OpenEnv's contract, without writing a C# host. The environment is composed as for <c>generate</c>, or, with <c>--cluster</c>, the episodes live on a cluster's workers.
/// </summary>
internal static class EnvServerCommand
{
    public static Command Create(CliContext context)
    {
        var port = new Option<int>("--port") { Description = "The port to listen on (default 5055; 0 picks a free one).", DefaultValueFactory = _ => 5055 };
        var bind = new Option<string?>("--bind") { Description = "The address to listen on (default 127.0.0.1; another address needs --api-key)." };
        var apiKey = new Option<string?>("--api-key") { Description = "The key trainers send as 'Authorization: Bearer <key>' (default: WebGen:EnvironmentServer:ApiKey, else one generated at start-up and logged once)." };
        var maxEpisodes = new Option<int?>("--max-episodes") { Description = "Episodes open at once; further requests get 429 with Retry-After (default 8)." };
        var runs = new Option<string?>("--runs") { Description = "The folder that holds run directories (default: ./runs or WebGen:Agent:RunsDirectory; unused with --cluster)." };
        var cluster = ClusterAddress.Option();
        cluster.Description = "Front a WebGen cluster instead of running episodes here: redis://host:port of its Redis. Episodes live on the workers (`webgen silo`), each in a free slot; the server holds none.";
        var clusterId = ClusterAddress.IdOption();
        var command = new Command("env-server", "Serve WebGen episodes to an external trainer over HTTP (create, step turn by turn with feedback, scores and rewards; group advantages), also as an OpenEnv environment (reset, step, state, health, WebSocket session /ws), until stopped.")
        {
            port, bind, apiKey, maxEpisodes, runs, cluster, clusterId,
        };
        command.SetAction((parse, cancellationToken) => context.GuardAsync(
            async () =>
            {
                var settings = context.LoadSettings(parse);
                var runsDirectory = parse.GetValue(runs);
                var target = ClusterTarget.From(parse.GetValue(cluster), parse.GetValue(clusterId));
                if (target is null)
                {
                    await context.Out.WriteLineAsync(settings.IsOffline ? AgentRunner.OfflineNotice : "code model: " + settings.Code.Describe()).ConfigureAwait(false);
                }
                else
                {
                    await ClusterConnection.EnsureReachableAsync(target.Address).ConfigureAwait(false);
                }

                await using var server = await WebGenEnvironmentServer.StartAsync(
                    services =>
                    {
                        if (target is null)
                        {
                            CliPipeline.Register(services, settings, o =>
                            {
                                if (runsDirectory is not null)
                                {
                                    o.RunsDirectory = runsDirectory;
                                }
                            }, context.Error);
                        }
                        else
                        {
                            ClusterConnection.AddEpisodes(services, target, settings, context.Error);
                        }
                    },
                    o =>
                    {
                        settings.Configuration.GetSection(EnvironmentServerOptions.SectionName).Bind(o);
                        o.Port = parse.GetValue(port);
                        o.BindAddress = parse.GetValue(bind) ?? o.BindAddress;
                        o.ApiKey = parse.GetValue(apiKey) ?? o.ApiKey;
                        o.MaxConcurrentEpisodes = parse.GetValue(maxEpisodes) ?? o.MaxConcurrentEpisodes;
                    },
                    cancellationToken).ConfigureAwait(false);
                if (target is not null)
                {
                    var workers = await server.Services.GetRequiredService<WebGenClusterEnvironment>().GetWorkersAsync(cancellationToken).ConfigureAwait(false);
                    if (workers.Count == 0)
                    {
                        throw new CliException($"Cluster '{target.Id}' at {target.Address} has no worker: start some with `webgen silo --cluster {target.Address}`.");
                    }

                    await context.Out.WriteLineAsync($"cluster {target.Id}: {workers.Count} worker(s), {workers.Sum(w => w.Capacity)} slot(s); episodes run there").ConfigureAwait(false);
                }

                await context.Out.WriteLineAsync($"environment server listening on {server.BaseAddress}; stop it with Ctrl+C").ConfigureAwait(false);
                await context.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Ctrl+C: stop serving; open episodes are disposed, their completed steps stay checkpointed.
                }

                await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
                await context.Out.WriteLineAsync("environment server stopped").ConfigureAwait(false);
                return 0;
            },
            cancellationToken));
        return command;
    }
}
