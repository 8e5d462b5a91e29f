using System.CommandLine;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelContextProtocol.Protocol;

namespace WebGen.Cli;

/// <summary>
/// <c>webgen mcp</c>: serves the WebGen tools (WebGen.Mcp) to an MCP client over stdin and stdout. Everything else the
/// command says (the offline notice, logs) goes to stderr, because stdout carries the protocol.
/// </summary>
internal static class McpCommand
{
    public static Command Create(CliContext context)
    {
        var runs = new Option<string?>("--runs") { Description = "The folder that holds run directories (default: ./runs or WebGen:Agent:RunsDirectory)." };
        var concurrency = new Option<int>("--concurrency") { Description = "Runs and evaluations at once; further tool calls wait (default 1).", DefaultValueFactory = _ => 1 };
        var command = new Command("mcp", "Serve the WebGen tools over the Model Context Protocol on stdin/stdout: generate_site (progress per step), resume_run, get_run, list_runs, get_screenshot, evaluate_site.")
        {
            runs, concurrency,
        };
        command.SetAction((parse, cancellationToken) => context.GuardAsync(
            async () =>
            {
                var settings = context.LoadSettings(parse);
                var runsDirectory = parse.GetValue(runs);
                await context.Error.WriteLineAsync(settings.IsOffline ? AgentRunner.OfflineNotice : "code model: " + settings.Code.Describe()).ConfigureAwait(false);

                var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
                CliPipeline.Register(
                    builder.Services,
                    settings,
                    o =>
                    {
                        if (runsDirectory is not null)
                        {
                            o.RunsDirectory = runsDirectory;
                        }
                    },
                    context.Error);
                builder.Services
                    .AddMcpServer(o =>
                    {
                        o.ServerInfo = new Implementation { Name = "webgen", Title = "WebGen", Version = typeof(McpCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0" };
                        o.ServerInstructions = "Generates websites with an agent that looks at what it builds. Runs take minutes and report progress per step. "
                            + (settings.IsOffline ? "This server runs OFFLINE with a deterministic demo model, not a real one." : "");
                    })
                    .WithStdioServerTransport()
                    .WithWebGenTools(o =>
                    {
                        // A stdio server is the user's own process on the user's machine: local directories are theirs to evaluate.
                        o.AllowLocalDirectories = true;
                        o.MaxConcurrentRuns = parse.GetValue(concurrency);
                    });
                using var host = builder.Build();
                await host.RunAsync(cancellationToken).ConfigureAwait(false);
                return 0;
            },
            cancellationToken));
        return command;
    }
}
