using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace WebGen.Mcp;

/// <summary>
/// The WebGen MCP tools. Runs are checkpointed under <see cref="WebGenAgentOptions.RunsDirectory"/> by id, so a call that was
/// cancelled (or a server that stopped) leaves a run that <c>resume_run</c> continues without redoing finished steps.
/// </summary>
[McpServerToolType]
internal sealed partial class WebGenTools(IWebGenAgent agent, IOptions<WebGenAgentOptions> agentOptions, IOptions<WebGenMcpOptions> options, McpRunGate gate, SiteEvaluator evaluator)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    private string RunsDirectory => Path.GetFullPath(agentOptions.Value.RunsDirectory);

    [McpServerTool(Name = "generate_site", Title = "Generate a website", Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Generates a website (React + Vite) from a plain-language request with an agent that writes the code, runs the site, screenshots it, has a vision model grade it and tests it through its GUI, fixing what it finds. Sends a progress notification per step. Returns the run's report (steps, grades, chosen step, the chosen site's directory and files) and the chosen step's screenshot. Takes minutes; a cancelled call leaves a run that resume_run continues.")]
    public async Task<CallToolResult> GenerateSiteAsync(
        [Description("The website to build, in plain language (colours, pages, functions).")] string instruction,
        [Description("Most code-model steps (default: the server's setting, 20 unless configured).")] int? maxIterations = null,
        [Description("A run id (letters, digits, '-' and '_'); generated when omitted. Use it later with get_run, get_screenshot and resume_run.")] string? runId = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var limits = options.Value;
        if (string.IsNullOrWhiteSpace(instruction))
        {
            throw new McpException("instruction is required: describe the website to build.");
        }

        if (instruction.Length > limits.MaxInstructionLength)
        {
            throw new McpException(string.Create(CultureInfo.InvariantCulture, $"instruction has {instruction.Length} characters; at most {limits.MaxInstructionLength} are accepted."));
        }

        if (maxIterations is { } max && (max < 1 || max > limits.MaxIterationsLimit))
        {
            throw new McpException(string.Create(CultureInfo.InvariantCulture, $"maxIterations must be between 1 and {limits.MaxIterationsLimit} (got {max})."));
        }

        var id = runId ?? Guid.NewGuid().ToString("N")[..12];
        if (!IdPattern().IsMatch(id))
        {
            throw new McpException($"runId '{id}' may contain only letters, digits, '-' and '_' (at most 64).");
        }

        var directory = Path.Combine(RunsDirectory, id);
        if (Directory.Exists(directory))
        {
            throw new McpException($"A run with id '{id}' already exists; choose another id, or call resume_run or get_run with it.");
        }

        var total = maxIterations ?? agentOptions.Value.MaxIterations;
        var request = new WebGenRequest { Instruction = instruction.Trim(), RunId = id, RunDirectory = directory, MaxIterations = maxIterations };
        return await RunAsync(ct => agent.RunStreamingAsync(request, ct), total, progress, cancellationToken).ConfigureAwait(false);
    }

    [McpServerTool(Name = "resume_run", Title = "Resume a run", Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Continues a run that stopped before it finished (its call was cancelled, it failed, or the server stopped) from its last checkpointed step; finished steps are not redone. Sends a progress notification per step and returns the run's report and the chosen step's screenshot, like generate_site. A run that already completed just returns its report.")]
    public async Task<CallToolResult> ResumeRunAsync(
        [Description("The run id that generate_site returned.")] string runId,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var checkpoint = await LoadAsync(runId, cancellationToken).ConfigureAwait(false);
        return await RunAsync(ct => agent.ResumeStreamingAsync(checkpoint.RunDirectory, ct), checkpoint.Manifest.MaxIterations, progress, cancellationToken).ConfigureAwait(false);
    }

    [McpServerTool(Name = "get_run", Title = "Get a run", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Returns a run's report: completed or stopped (resumable), every step's kind, grades and errors, the chosen step and why, and the chosen site's directory and file list. With includeFiles, the chosen site's file contents too.")]
    public async Task<CallToolResult> GetRunAsync(
        [Description("The run id.")] string runId,
        [Description("Also return the chosen site's files with their contents (default false).")] bool includeFiles = false,
        CancellationToken cancellationToken = default)
    {
        var checkpoint = await LoadAsync(runId, cancellationToken).ConfigureAwait(false);
        var content = new List<ContentBlock> { new TextContentBlock { Text = JsonSerializer.Serialize(RunReport.From(checkpoint), Json) } };
        if (includeFiles && checkpoint.Result is { } result)
        {
            content.AddRange(result.Files.Select(f => new TextContentBlock { Text = $"// file: {f.Path}\n{f.Content}" }));
        }

        return new CallToolResult { Content = content };
    }

    [McpServerTool(Name = "list_runs", Title = "List runs", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Lists the runs in the server's runs directory, newest first: id, instruction and whether each completed.")]
    public async Task<string> ListRunsAsync(
        [Description("At most this many runs (default 20).")] int limit = 20,
        CancellationToken cancellationToken = default)
    {
        var runs = new List<object>();
        if (Directory.Exists(RunsDirectory))
        {
            foreach (var directory in new DirectoryInfo(RunsDirectory).EnumerateDirectories().Where(d => File.Exists(Path.Combine(d.FullName, "run.json"))).OrderByDescending(d => d.CreationTimeUtc).Take(Math.Clamp(limit, 1, 500)))
            {
                try
                {
                    var checkpoint = await RunCheckpoint.LoadAsync(directory.FullName, cancellationToken).ConfigureAwait(false);
                    runs.Add(new { runId = checkpoint.Manifest.RunId, instruction = checkpoint.Manifest.Instruction, status = checkpoint.IsComplete ? "completed" : "stopped", steps = checkpoint.Steps.Count });
                }
                catch (InvalidOperationException ex)
                {
                    runs.Add(new { runId = directory.Name, status = "unreadable", problem = ex.Message });
                }
            }
        }

        return JsonSerializer.Serialize(runs, Json);
    }

    [McpServerTool(Name = "get_screenshot", Title = "Get a screenshot", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Returns a step's screenshot (PNG, 1024×768 viewport by default): the chosen step's when no step is given, else the latest step that has one.")]
    public async Task<CallToolResult> GetScreenshotAsync(
        [Description("The run id.")] string runId,
        [Description("The step number; omitted: the chosen step, or the latest with a screenshot.")] int? step = null,
        CancellationToken cancellationToken = default)
    {
        var checkpoint = await LoadAsync(runId, cancellationToken).ConfigureAwait(false);
        var withShots = checkpoint.Steps.Where(s => s.Capture is { Succeeded: true }).ToList();
        var wanted = step ?? checkpoint.Result?.Chosen?.Step;
        var record = step is { } n ? withShots.Find(s => s.Node.Step == n)
            : wanted is { } chosen ? ScreenshotOf(checkpoint.Steps, chosen)
            : withShots.LastOrDefault();
        if (record is null)
        {
            throw new McpException(wanted is { } missing
                ? string.Create(CultureInfo.InvariantCulture, $"Step {missing} of run '{runId}' has no screenshot; steps with one: {(withShots.Count == 0 ? "none" : string.Join(", ", withShots.Select(s => s.Node.Step)))}.")
                : $"Run '{runId}' has no screenshot yet.");
        }

        return new CallToolResult
        {
            Content =
            [
                new TextContentBlock { Text = string.Create(CultureInfo.InvariantCulture, $"Step {record.Node.Step} of run {runId}: screenshot grade {record.Node.ScreenshotGrade}/5, GUI grade {record.Node.GuiGrade}/5.") },
                ImageContentBlock.FromBytes(record.Capture!.Png, "image/png"),
            ],
        };
    }

    [McpServerTool(Name = "evaluate_site", Title = "Evaluate a website", Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Evaluates a website built by anyone: installs and starts it in the sandbox, screenshots it, runs the deterministic pre-checks (blank page, runtime errors, overflow, contrast, accessibility), has the vision model grade its appearance 0–5 against the instruction and, unless guiTest is false, tests its functions through the GUI (0–5). Send the site as files (path → content); a local server may also read a directory. Returns the grades with their reasons and the screenshot.")]
    public async Task<CallToolResult> EvaluateSiteAsync(
        [Description("What the website was asked to be; the grades measure the site against it.")] string instruction,
        [Description("The site's files: relative path → full text content (package.json, index.html, src/…). No node_modules.")] Dictionary<string, string>? files = null,
        [Description("A directory on the server holding the site (only when the server allows local directories).")] string? directory = null,
        [Description("Also test the site's functions through its GUI (default true).")] bool guiTest = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(instruction))
        {
            throw new McpException("instruction is required: the grades measure the site against it.");
        }

        if ((files is null or { Count: 0 }) == (directory is null))
        {
            throw new McpException("Send the site either as files (path → content) or as a directory, not both and not neither.");
        }

        IReadOnlyList<FileAction> actions;
        if (directory is not null)
        {
            if (!options.Value.AllowLocalDirectories)
            {
                throw new McpException("This server does not read local directories (WebGen:Mcp:AllowLocalDirectories is off); send the site as files.");
            }

            try
            {
                actions = await SiteEvaluator.ReadDirectoryAsync(directory, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new McpException($"The directory '{directory}' cannot be read: {ex.Message}", ex);
            }
        }
        else
        {
            actions = [.. files!.Select(f => new FileAction { FilePath = f.Key, Content = f.Value })];
        }

        var count = 0;
        void Report(string message) => progress?.Report(new ProgressNotificationValue { Progress = ++count, Total = guiTest ? 4 : 3, Message = message });

        using var slot = await gate.EnterAsync(() => Report("waiting for a free slot"), cancellationToken).ConfigureAwait(false);
        var evaluation = await evaluator.EvaluateAsync(instruction.Trim(), actions, guiTest, Report, cancellationToken).ConfigureAwait(false);
        var content = new List<ContentBlock> { new TextContentBlock { Text = JsonSerializer.Serialize(evaluation, Json) } };
        if (evaluation.Screenshot is { } png)
        {
            content.Add(ImageContentBlock.FromBytes(png, "image/png"));
        }

        return new CallToolResult { Content = content, IsError = !evaluation.Started };
    }

    private async Task<CallToolResult> RunAsync(Func<CancellationToken, IAsyncEnumerable<WebGenEvent>> run, int total, IProgress<ProgressNotificationValue>? progress, CancellationToken cancellationToken)
    {
        using var slot = await gate.EnterAsync(
            () => progress?.Report(new ProgressNotificationValue { Progress = 0, Total = total, Message = "waiting for a free slot" }),
            cancellationToken).ConfigureAwait(false);
        WebGenResult? result = null;
        await foreach (var e in run(cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            switch (e)
            {
                case RunStartedEvent started:
                    progress?.Report(new ProgressNotificationValue { Progress = 0, Total = total, Message = (started.IsResume ? "resumed run " : "started run ") + started.RunId });
                    break;
                case StepCompletedEvent completed:
                    var node = completed.Record.Node;
                    progress?.Report(new ProgressNotificationValue
                    {
                        Progress = node.Step,
                        Total = total,
                        Message = string.Create(CultureInfo.InvariantCulture, $"step {node.Step}: {node.Kind}, screenshot {node.ScreenshotGrade}/5, GUI {node.GuiGrade}/5") + (node.HasError ? " — " + string.Join("; ", node.Errors) : ""),
                    });
                    break;
                case RunCompletedEvent done:
                    result = done.Result;
                    break;
            }
        }

        if (result is null)
        {
            throw new McpException("The agent's event stream ended without a result; resume_run continues from the last checkpointed step.");
        }

        var content = new List<ContentBlock> { new TextContentBlock { Text = JsonSerializer.Serialize(RunReport.From(result), Json) } };
        if (result.Chosen is { } chosen && ScreenshotOf(result.Steps, chosen.Step) is { } shot)
        {
            content.Add(ImageContentBlock.FromBytes(shot.Capture!.Png, "image/png"));
        }

        return new CallToolResult { Content = content };
    }

    /// <summary>
    /// The record holding the screenshot of the site as of <paramref name="step"/>: the step's own, or, for a validate or finish
    /// step (which writes no files), that of the code step it continued from.
    /// </summary>
    private static StepRecord? ScreenshotOf(IReadOnlyList<StepRecord> steps, int step)
    {
        var byStep = steps.ToDictionary(s => s.Node.Step);
        for (int? current = step; current is { } n && byStep.TryGetValue(n, out var record); current = record.Node.Parent)
        {
            if (record.Capture is { Succeeded: true })
            {
                return record;
            }
        }

        return null;
    }

    private async Task<RunCheckpoint> LoadAsync(string runId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(runId) || !IdPattern().IsMatch(runId))
        {
            throw new McpException($"runId '{runId}' is not a run id (letters, digits, '-' and '_').");
        }

        var directory = Path.Combine(RunsDirectory, runId);
        if (!File.Exists(Path.Combine(directory, "run.json")))
        {
            throw new McpException($"No run has id '{runId}' in the runs directory; list_runs shows the runs there.");
        }

        try
        {
            return await RunCheckpoint.LoadAsync(directory, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            throw new McpException($"Run '{runId}' cannot be read: {ex.Message}", ex);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();
}
