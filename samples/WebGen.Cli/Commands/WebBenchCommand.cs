using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using WebGen.Bench;
using WebGen.Sandbox;

namespace WebGen.Cli;

/// <summary>
/// <c>webgen webbench --repo PATH</c>: Web-Bench (ByteDance) projects judged by their own Playwright tests, each site
/// served in the isolated sandbox. By default the agent implements task 1 … 20 of each project with the configured model
/// (the offline demo model when none is configured, which is no real score and is said so); <c>--reference</c> evaluates
/// the projects' reference solutions (the harness's proof); <c>--solutions DIR</c> evaluates another tool's solutions.
/// Rerun with the same <c>--out</c> to resume.
/// </summary>
internal static class WebBenchCommand
{
    public static Command Create(CliContext context)
    {
        var repo = new Option<DirectoryInfo>("--repo") { Description = "A checkout of bytedance/web-bench (or a copy with its projects/ and libraries/ folders).", Required = true };
        var projects = new Option<string?>("--projects") { Description = "Projects to run, comma-separated (default: all of the checkout)." };
        var concurrency = new Option<int>("--concurrency") { Description = "Projects evaluated at once.", DefaultValueFactory = _ => 1 };
        var workers = new Option<int>("--workers") { Description = "Playwright workers per project.", DefaultValueFactory = _ => 2 };
        var reference = new Option<bool>("--reference") { Description = "Evaluate each project's reference solution (src/) against all its tasks' tests." };
        var solutions = new Option<DirectoryInfo?>("--solutions") { Description = "Evaluate solutions made by any tool: one folder per project with the final source (or its src/), or task-N/attempt-A/ snapshots scored with the protocol." };
        var output = new Option<string>("--out") { Description = "Results folder; rerunning with the same folder skips finished projects and attempts.", DefaultValueFactory = _ => "webbench-out" };
        var keep = new Option<bool>("--keep-workspaces") { Description = "Keep each project's served workspace (with its node_modules) after it finishes." };
        var noRetry = new Option<bool>("--no-retry") { Description = "Do not run failing cases of a final solution a second time." };
        var maxIterations = new Option<int?>("--max-iterations") { Description = "Agent runs only: most code-model steps per attempt (default: the agent's, 20)." };
        var profile = AgentRunner.ProfileOption();
        var command = new Command("webbench", "Run Web-Bench: projects of 20 sequential tasks judged by their own Playwright tests, each site served in the sandbox. Without --reference or --solutions the agent implements the tasks with the configured model.")
        {
            repo, projects, concurrency, workers, reference, solutions, output, keep, noRetry, maxIterations, profile,
        };
        command.SetAction((parse, cancellationToken) => context.GuardAsync(
            async () =>
            {
                var solutionsDir = parse.GetValue(solutions);
                var isReference = parse.GetValue(reference);
                if (isReference && solutionsDir is not null)
                {
                    throw new CliException("--reference and --solutions exclude each other.");
                }

                if (parse.GetValue(maxIterations) is < 1)
                {
                    throw new CliException("--max-iterations must be at least 1.");
                }

                if (solutionsDir is { Exists: false })
                {
                    throw new CliException($"--solutions: '{solutionsDir.FullName}' does not exist.");
                }

                WebBenchRepository repository;
                IReadOnlyList<WebBenchProject> selected;
                try
                {
                    repository = WebBenchRepository.Open(parse.GetValue(repo)!.FullName);
                    var names = parse.GetValue(projects)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    selected = await repository.LoadProjectsAsync(names, cancellationToken).ConfigureAwait(false);
                }
                catch (WebBenchProjectException ex)
                {
                    throw new CliException(ex.Message);
                }

                if (selected.Count == 0)
                {
                    throw new CliException($"'{repository.Root}' holds no Web-Bench project.");
                }

                var settings = context.LoadSettings(parse);
                var outDir = Path.GetFullPath(parse.GetValue(output)!);
                using var loggers = LoggerFactory.Create(logging =>
                {
                    logging.AddConfiguration(settings.Configuration.GetSection("Logging"));
                    logging.SetMinimumLevel(LogLevel.Warning);
                    logging.AddProvider(new TextWriterLoggerProvider(context.Error));
                });
                await using var sandbox = new LocalNodeSandbox(SandboxOptions(settings.Configuration), loggers);
                var options = new WebBenchOptions { MaxConcurrentProjects = Math.Max(1, parse.GetValue(concurrency)), Workers = Math.Max(1, parse.GetValue(workers)), RetryFailedCases = !parse.GetValue(noRetry) };
                settings.Configuration.GetSection(WebBenchOptions.SectionName).Bind(options);
                var harness = new WebBenchHarness(sandbox, options, loggers);
                var isAgent = !isReference && solutionsDir is null;
                var mode = isReference ? WebBenchRunMode.Reference : isAgent ? WebBenchRunMode.Solver : WebBenchRunMode.Solutions;
                var what = isReference ? "reference solutions" : isAgent ? "the agent" : "solutions in " + solutionsDir!.FullName;
                await context.Out.WriteLineAsync($"Web-Bench, {what}: {selected.Count} project(s) ({string.Join(", ", selected.Select(p => p.Name))}) → {outDir}").ConfigureAwait(false);

                // The agent's own sandbox gets Web-Bench's defaults too: its steps serve the same projects.
                var chosenProfile = parse.GetValue(profile);
                await using var pipeline = isAgent
                    ? CliPipeline.Create(settings, o => o.Profile = chosenProfile ?? o.Profile, context.Error, ApplyWebBenchDefaults)
                    : null;
                if (pipeline is not null)
                {
                    await context.Out.WriteLineAsync(pipeline.IsOffline
                        ? OfflineNotice
                        : $"code model: {settings.Code.Describe()}; vision model: {(settings.Vision.IsConfigured ? settings.Vision.Describe() : "same as code")}").ConfigureAwait(false);
                    await pipeline.CheckEndpointsAsync(cancellationToken).ConfigureAwait(false);
                }

                var summary = await harness.RunAsync(
                    new WebBenchRunRequest
                    {
                        Projects = selected,
                        OutputDirectory = outDir,
                        Mode = mode,
                        SolutionsDirectory = solutionsDir?.FullName,
                        Solver = pipeline is null ? null : new AgentWebBenchSolver(pipeline.Agent, Path.Combine(outDir, "agent-runs"), parse.GetValue(maxIterations), GenerateCommand.Labels(settings)),
                        Name = isReference ? "reference" : isAgent ? (pipeline!.IsOffline ? "offline demo model (not a real score)" : settings.Code.Model ?? "agent") : solutionsDir!.Name,
                        KeepWorkspaces = parse.GetValue(keep),
                    },
                    new Progress(context.Out),
                    cancellationToken).ConfigureAwait(false);
                await context.Out.WriteLineAsync().ConfigureAwait(false);
                await context.Out.WriteAsync(WebBenchMarkdown.Render(summary)).ConfigureAwait(false);
                await context.Out.WriteLineAsync("report: " + Path.Combine(outDir, "report.html")).ConfigureAwait(false);
                if (pipeline is { IsOffline: true })
                {
                    await context.Out.WriteLineAsync("NOT A REAL SCORE: the offline demo model wrote these attempts without reading the tasks. " + AgentRunner.ConfigureHint).ConfigureAwait(false);
                }

                return summary.Pending.Count == 0 ? 0 : WebGenCli.UserError;
            },
            cancellationToken));
        return command;
    }

    /// <summary>
    /// The sandbox as configured (<c>WebGen:Sandbox</c>), with Web-Bench's defaults unless configured otherwise: time for a
    /// Next.js build and a native module's compile, peer dependency conflicts accepted as Web-Bench's pnpm accepts them
    /// (vue pairs vite 7 with @vitejs/plugin-vue 5), and install scripts allowed — the installed package.json is always the
    /// benchmark's own (solutions only replace <c>src/</c>), and some projects need a dependency's build script (sqlite3's
    /// native binding, compiled with the host's Node headers since the sandbox reaches no download site). The scripts run
    /// inside the sandbox like everything else the site runs.
    /// </summary>
    private static LocalSandboxOptions SandboxOptions(IConfiguration configuration)
    {
        var options = new LocalSandboxOptions();
        ApplyWebBenchDefaults(options);
        configuration.GetSection("WebGen:Sandbox").Bind(options);
        return options;
    }

    /// <summary>Web-Bench's sandbox defaults (see <see cref="SandboxOptions"/>), applied before the configuration binds.</summary>
    private static void ApplyWebBenchDefaults(LocalSandboxOptions options)
    {
        options.StartTimeout = TimeSpan.FromMinutes(3);
        options.InstallTimeout = TimeSpan.FromMinutes(15);
        options.AllowInstallScripts = true;
        options.LegacyPeerDependencies = true;
        if (NodeHeadersPrefix() is { } prefix)
        {
            options.EnvironmentVariables["npm_config_nodedir"] = prefix;
        }
    }

    /// <summary>What an agent run without a configured model prints first: it runs, but measures nothing.</summary>
    internal const string OfflineNotice =
        "No model endpoint is configured: the agent runs with the OFFLINE demo model (a deterministic demo that ignores the task), so the scores below are NOT A REAL SCORE — they only show that the agent, the sandbox and the tests run. " + AgentRunner.ConfigureHint;

    /// <summary>The install prefix of the <c>node</c> on PATH when its headers are installed beside it (<c>include/node/node.h</c>), for node-gyp.</summary>
    private static string? NodeHeadersPrefix()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var node = Path.Combine(dir, "node");
            if (File.Exists(node))
            {
                var prefix = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(new FileInfo(node).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? node)));
                return prefix is not null && File.Exists(Path.Combine(prefix, "include", "node", "node.h")) ? prefix : null;
            }
        }

        return null;
    }

    /// <summary>Prints progress synchronously, one line per event.</summary>
    private sealed class Progress(TextWriter output) : IProgress<WebBenchProgress>
    {
        public void Report(WebBenchProgress value)
        {
            var detail = value.Kind switch
            {
                WebBenchProgressKind.AttemptCompleted => $"task-{value.Task} attempt {value.Attempt} {(value.Passed ? "passed" : "failed")} ({value.CasesPassed}/{value.Cases} cases)",
                WebBenchProgressKind.ProjectCompleted or WebBenchProgressKind.ProjectSkipped => $"{(value.Kind == WebBenchProgressKind.ProjectSkipped ? "already finished" : "finished")}: {WebBenchScoring.ClosingLine(value.CasesPassed, value.Cases)}",
                WebBenchProgressKind.ProjectFailed => "failed (it is redone on the next run)",
                _ => "started",
            };
            lock (output)
            {
                output.WriteLine($"[{value.Timestamp:HH:mm:ss}] {value.Project}: {detail}" + (value.Message is { Length: > 0 } m && value.Kind != WebBenchProgressKind.ProjectSkipped ? " — " + m : ""));
            }
        }
    }
}
