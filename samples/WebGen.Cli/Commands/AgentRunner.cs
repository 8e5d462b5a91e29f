using System.CommandLine;
using Spectre.Console;

namespace WebGen.Cli;

/// <summary>Runs the agent for <c>generate</c> and <c>resume</c>: progress, the chosen site, the report.</summary>
internal static class AgentRunner
{
    private const string SiteMarker = ".webgen-site";

    /// <summary><c>--profile enhanced|reference</c> (default: <c>WebGen:Agent:Profile</c>, else enhanced).</summary>
    public static Option<WebGenProfile?> ProfileOption() => new("--profile")
    {
        Description = "enhanced (default) or reference: reproduce the reference implementation's prompts, parsing, feedback, GUI agent and sampling (docs/reference-fidelity.md).",
    };

    /// <summary>The profile a run directory's run follows.</summary>
    public static WebGenProfile ReadProfile(string runDirectory)
    {
        try
        {
            using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(runDirectory, "run.json")));
            return manifest.RootElement.TryGetProperty("profile", out var profile) && Enum.TryParse<WebGenProfile>(profile.GetString(), ignoreCase: true, out var value) ? value : WebGenProfile.Enhanced;
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new CliException($"'{runDirectory}' holds a damaged run.json: {ex.Message}");
        }
    }

    public static async Task<int> RunAsync(CliContext context, ParseResult parse, CliSettings settings, Action<WebGenAgentOptions>? configure, Func<IWebGenAgent, CancellationToken, IAsyncEnumerable<WebGenEvent>> run, string? outDirectory, CancellationToken cancellationToken, ClusterTarget? cluster = null)
    {
        var output = context.Out;
        if (settings.IsOffline)
        {
            await output.WriteLineAsync(OfflineNotice).ConfigureAwait(false);
        }
        else
        {
            await output.WriteLineAsync($"code model: {settings.Code.Describe()}; vision model: {(settings.Vision.IsConfigured ? settings.Vision.Describe() : "same as code")}; feedback model: {(settings.Feedback.IsConfigured ? settings.Feedback.Describe() : "same as code")}").ConfigureAwait(false);
        }

        if (outDirectory is not null)
        {
            EnsureWritableSiteDirectory(outDirectory);
        }

        await using var pipeline = CliPipeline.Create(settings, configure, context.Error);
        await using var connection = cluster is null ? null : await cluster.ConnectAsync(pipeline, output, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            await pipeline.CheckEndpointsAsync(cancellationToken).ConfigureAwait(false);
        }

        var agent = connection?.Agent ?? pipeline.Agent;
        var renderer = new RunRenderer(output);
        WebGenResult? result = null;

        async Task ConsumeAsync(Action<string>? status)
        {
            await foreach (var e in run(agent, cancellationToken).ConfigureAwait(false))
            {
                renderer.Render(e);
                status?.Invoke(e.GetType().Name.Replace("Event", "", StringComparison.Ordinal) + (e.Step > 0 ? " (step " + e.Step + ")" : ""));
                if (e is RunCompletedEvent completed)
                {
                    result = completed.Result;
                }
            }
        }

        if (IsInteractive(parse, output))
        {
            await AnsiConsole.Status().StartAsync("starting", ctx => ConsumeAsync(s => ctx.Status(Markup.Escape(s)))).ConfigureAwait(false);
        }
        else
        {
            await ConsumeAsync(null).ConfigureAwait(false);
        }

        if (result is null)
        {
            throw new CliException("the run ended without a result.");
        }

        var report = await WebGen.HtmlRunReport.WriteAsync(result.RunDirectory, cancellationToken).ConfigureAwait(false);
        if (outDirectory is not null)
        {
            await WriteSiteAsync(outDirectory, result.Files, cancellationToken).ConfigureAwait(false);
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(result.Chosen is null ? "no step produced a site." : $"chosen step {result.Chosen.Step}: screenshot {result.Chosen.ScreenshotGrade}/5, GUI {result.Chosen.GuiGrade}/5").ConfigureAwait(false);
        if (outDirectory is not null)
        {
            await output.WriteLineAsync("site:   " + Path.GetFullPath(outDirectory)).ConfigureAwait(false);
        }

        await output.WriteLineAsync("run:    " + result.RunDirectory).ConfigureAwait(false);
        await output.WriteLineAsync("report: " + report).ConfigureAwait(false);
        await output.WriteLineAsync($"tokens: {result.Usage.InputTokenCount ?? 0} in, {result.Usage.OutputTokenCount ?? 0} out").ConfigureAwait(false);
        if (settings.IsOffline)
        {
            await output.WriteLineAsync("This run used the offline demo model. " + ConfigureHint).ConfigureAwait(false);
        }

        if (result.Steps.Count == 0)
        {
            await context.Error.WriteLineAsync("error: no step completed: " + (result.StopReason == WebGenStopReason.TooManyRestarts ? "the code model kept failing (see the warnings above and state.json)." : result.StopReason.ToString())).ConfigureAwait(false);
            return WebGenCli.UserError;
        }

        return 0;
    }

    public const string ConfigureHint =
        "To use real models, set WEBGEN_CODE_ENDPOINT, WEBGEN_CODE_MODEL and WEBGEN_CODE_API_KEY (and optionally the VISION and FEEDBACK variants) to any OpenAI-compatible server, or put them under WebGen:Models in appsettings.json.";

    public const string OfflineNotice =
        "No model endpoint is configured: running OFFLINE with the built-in demo model (a deterministic demo, not a real model), the offline screenshot judge and the smoke GUI tester. The sandbox, Vite and Chromium run for real. " + ConfigureHint;

    private static bool IsInteractive(ParseResult parse, TextWriter output) =>
        !parse.GetValue(CliContext.PlainOption) && ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    private static void EnsureWritableSiteDirectory(string directory)
    {
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any() && !File.Exists(Path.Combine(directory, SiteMarker)))
        {
            throw new CliException($"'{Path.GetFullPath(directory)}' is not empty and was not written by webgen; choose another --out directory.");
        }
    }

    private static async Task WriteSiteAsync(string directory, IReadOnlyList<WorkspaceFile> files, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(directory);
        if (Directory.Exists(root))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(root))
            {
                var name = Path.GetFileName(entry);
                if (name is "node_modules" or SiteMarker)
                {
                    continue;
                }

                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }
            }
        }

        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, SiteMarker), "This folder holds a site written by webgen; webgen may replace its contents.\n", cancellationToken).ConfigureAwait(false);
        foreach (var file in files)
        {
            if (!WorkspaceWriter.TryResolve(root, file.Path, out _, out var full, out _))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, file.Content, cancellationToken).ConfigureAwait(false);
        }
    }
}
