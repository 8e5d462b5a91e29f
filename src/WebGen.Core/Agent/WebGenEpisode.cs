using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace WebGen;

/// <summary>
/// One run of the environment: feed it model answers with <see cref="StepStreamingAsync"/>, read the
/// feedback from the step records, backtrack with <see cref="BacktrackAsync"/>, and end it with
/// <see cref="CompleteAsync"/>. Every step is checkpointed before its completion event is raised.
/// Not thread-safe: one call at a time.
/// </summary>
public sealed class WebGenEpisode : IAsyncDisposable
{
    private readonly WebGenEnvironment _environment;
    private readonly RunCheckpointStore _store;
    private readonly RunManifest _manifest;
    private readonly List<StepRecord> _steps;
    private readonly Dictionary<int, StepNode> _nodes;
    private readonly List<StoredMessage> _messages;
    private readonly List<BacktrackRecord> _backtracks;
    private readonly UsageAccumulator _usage;
    private readonly ISandboxSession _session;
    private readonly ILogger _logger;
    private int? _currentNode;
    private int _restarts;
    private WebGenResult? _result;
    private bool _disposed;

    internal WebGenEpisode(
        WebGenEnvironment environment,
        RunCheckpointStore store,
        RunManifest manifest,
        IReadOnlyList<StepRecord> steps,
        RunState state,
        IReadOnlyList<StoredMessage> messages,
        ISandboxSession session,
        ILogger logger,
        bool isResume,
        WebGenResult? result = null)
    {
        _environment = environment;
        _store = store;
        _manifest = manifest;
        _steps = [.. steps];
        _nodes = steps.ToDictionary(s => s.Node.Step, s => s.Node);
        _messages = [.. messages];
        _backtracks = [.. state.Backtracks];
        _usage = new UsageAccumulator(state.Usage);
        _currentNode = state.CurrentNode;
        _restarts = state.Restarts;
        _session = session;
        _logger = logger;
        _result = result;
        IsResume = isResume;
        _environment.Metrics.EpisodesRunning.Add(1);
    }

    /// <summary>The run id.</summary>
    public string RunId => _manifest.RunId;

    /// <summary>The run directory.</summary>
    public string RunDirectory => _store.Root;

    /// <summary>The live workspace (the site's files).</summary>
    public string WorkspacePath => _store.WorkspacePath;

    /// <summary>The website request.</summary>
    public string Instruction => _manifest.Instruction;

    /// <summary>The system prompt that opens the chat.</summary>
    public string SystemPrompt => _manifest.SystemPrompt;

    /// <summary>The GUI-test instruction used by validate steps.</summary>
    public string GuiTestInstruction => _manifest.GuiTestInstruction;

    /// <summary>The profile the episode follows.</summary>
    public WebGenProfile Profile => _manifest.Profile;

    /// <summary>The sampling temperature the code model should use (the request's, else the profile's or the options'); null leaves it to the model.</summary>
    public float? Temperature => _manifest.Temperature;

    /// <summary>The nucleus-sampling threshold the code model should use; null leaves it to the model.</summary>
    public float? TopP => _manifest.TopP;

    /// <summary>The step budget of this episode.</summary>
    public int MaxIterations => _manifest.MaxIterations;

    /// <summary>True when the episode was reopened from a checkpoint.</summary>
    public bool IsResume { get; }

    /// <summary>Every completed step in order.</summary>
    public IReadOnlyList<StepRecord> Steps => _steps;

    /// <summary>The node the next step continues from; null from scratch.</summary>
    public int? CurrentNode => _currentNode;

    /// <summary>Unexpected failures restarted so far.</summary>
    public int Restarts => _restarts;

    /// <summary>Backtracks so far.</summary>
    public IReadOnlyList<BacktrackRecord> Backtracks => _backtracks;

    /// <summary>Tokens spent so far by all models (the code model's as reported to <see cref="StepStreamingAsync"/>).</summary>
    public UsageDetails Usage => _usage.Snapshot();

    /// <summary>True when the current node is a <c>finish</c> step.</summary>
    public bool IsFinished => _currentNode is { } n && _nodes[n].Kind == StepKind.Finish;

    /// <summary>The result once <see cref="CompleteAsync"/> ran (or the run had ended before it was reopened).</summary>
    public WebGenResult? Result => _result;

    /// <summary>Consecutive erroneous steps from the current node up its ancestors.</summary>
    public int ErrorCount => LoopRules.ErrorCount(_currentNode, _nodes);

    /// <summary>The chat history of the current branch, to send to the code model.</summary>
    public IReadOnlyList<ChatMessage> Messages => [.. _messages.Select(m => new ChatMessage(new ChatRole(m.Role), m.Text))];

    /// <summary>Applies one model answer as the next step and returns its record (with the feedback to send back).</summary>
    /// <param name="modelOutput">The code model's answer.</param>
    /// <param name="usage">Tokens the answer cost, added to the run's usage.</param>
    /// <param name="cancellationToken">Cancels the step; a cancelled step is not checkpointed.</param>
    public async Task<StepRecord> StepAsync(string modelOutput, UsageDetails? usage = null, CancellationToken cancellationToken = default)
    {
        StepRecord? record = null;
        await foreach (var e in StepStreamingAsync(modelOutput, usage, cancellationToken).ConfigureAwait(false))
        {
            if (e is StepCompletedEvent completed)
            {
                record = completed.Record;
            }
        }

        return record!;
    }

    /// <summary>
    /// Applies one model answer as the next step, streaming what happens; the last event is the
    /// <see cref="StepCompletedEvent"/>. Failures of the generated site are data in the record; an
    /// unexpected failure is recorded in <see cref="StepRecord.Exception"/> and still checkpointed.
    /// </summary>
    /// <param name="modelOutput">The code model's answer.</param>
    /// <param name="usage">Tokens the answer cost.</param>
    /// <param name="cancellationToken">Cancels the step; a cancelled step is not checkpointed.</param>
    /// <remarks>Stopping the enumeration before the last event cancels the step the same way, and waits for it to stop.</remarks>
    public async IAsyncEnumerable<WebGenEvent> StepStreamingAsync(string modelOutput, UsageDetails? usage = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_result is not null)
        {
            throw new InvalidOperationException($"Run {RunId} has ended; start a new episode.");
        }

        // The step runs beside the enumeration, bounded by it: a slow reader holds the step back (at most a few events
        // ahead), and a reader that stops early cancels the step and waits for it, so no step runs on unobserved.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<WebGenEvent>(new BoundedChannelOptions(EventBuffer) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        var work = Task.Run(
            async () =>
            {
                try
                {
                    await RunStepAsync(modelOutput ?? "", usage, e => channel.Writer.WriteAsync(Redact(e), stop.Token), stop.Token).ConfigureAwait(false);
                    channel.Writer.TryComplete();
                }
                catch (Exception ex)
                {
                    channel.Writer.TryComplete(ex);
                }
            },
            CancellationToken.None);

        var completed = false;
        try
        {
            await foreach (var e in channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                yield return e;
            }

            completed = true;
        }
        finally
        {
            if (!completed)
            {
                // Stopped early (or the reader failed): the step is cancelled like any cancelled step (not checkpointed).
                await stop.CancelAsync().ConfigureAwait(false);
                channel.Writer.TryComplete();
            }

            await work.ConfigureAwait(false);
        }

        await channel.Reader.Completion.ConfigureAwait(false);
    }

    /// <summary>How many events a step may run ahead of its reader.</summary>
    private const int EventBuffer = 16;

    /// <summary>
    /// Goes back to the best step chosen by the step selector: restores its files and chat history. When the
    /// selection is not a valid restore point, starts over from the bare instruction with the files the run started from
    /// (an empty workspace unless it continues a project).
    /// </summary>
    /// <param name="reason">Why, for the log, the event and the report.</param>
    /// <param name="countsAsRestart">True when an unexpected failure caused it (counts against the restart budget).</param>
    /// <param name="cancellationToken">Cancels the restore.</param>
    public async Task<BacktrackedEvent> BacktrackAsync(string reason, bool countsAsRestart = false, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var selection = _environment.Components.StepSelector.SelectBest(LoopRules.Selectable(_steps));
        int? target = selection is { IsValid: true } ? selection.Node.Step : null;
        var files = await _store.ReadFilesAsync(target, _nodes, cancellationToken).ConfigureAwait(false);
        await WorkspaceSnapshot.RestoreAsync(WorkspacePath, files, cancellationToken).ConfigureAwait(false);
        _messages.Clear();
        var initial = WebGenEnvironment.InitialMessages(_manifest);
        _messages.AddRange(target is { } t ? await _store.ReadMessagesAsync(t, _nodes, initial, cancellationToken).ConfigureAwait(false) : initial);
        _currentNode = target;
        if (countsAsRestart)
        {
            _restarts++;
        }

        var now = _environment.TimeProvider.GetUtcNow();
        var fullReason = Redactor.Redact(reason + (target is null ? "; no valid step to return to, so the run starts over from the instruction" : "; " + selection!.Reason));
        _backtracks.Add(new BacktrackRecord { AfterStep = _steps.Count, ToStep = target, Reason = fullReason, Timestamp = now });
        await _store.WriteStateAsync(State(), cancellationToken).ConfigureAwait(false);
        _environment.Metrics.Backtracks.Add(1);
        Log.Backtracked(_logger, RunId, target?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "scratch", fullReason);
        return new BacktrackedEvent { RunId = RunId, Step = _steps.Count, Timestamp = now, ToStep = target, Reason = fullReason };
    }

    /// <summary>Records a restart that did not produce a step (for example the code model could not be reached).</summary>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the restore.</param>
    public Task<BacktrackedEvent> RestartAsync(string reason, CancellationToken cancellationToken = default)
        => BacktrackAsync(reason, countsAsRestart: true, cancellationToken);

    /// <summary>
    /// Ends the episode: select-best chooses the step, its files are restored into the workspace, and the
    /// result is checkpointed. Calling it again returns the same result.
    /// </summary>
    /// <param name="stopReason">Why the run ended.</param>
    /// <param name="cancellationToken">Cancels the restore.</param>
    public async Task<WebGenResult> CompleteAsync(WebGenStopReason stopReason, CancellationToken cancellationToken = default)
    {
        if (_result is not null)
        {
            return _result;
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        var selection = _environment.Components.StepSelector.SelectBest(LoopRules.Selectable(_steps));
        var files = await _store.ReadFilesAsync(selection?.Node.Step, _nodes, cancellationToken).ConfigureAwait(false);
        await WorkspaceSnapshot.RestoreAsync(WorkspacePath, files, cancellationToken).ConfigureAwait(false);
        var state = State() with { StopReason = stopReason };
        _result = new WebGenResult
        {
            RunId = RunId,
            Instruction = Instruction,
            SystemPrompt = SystemPrompt,
            OpeningMessage = WebGenEnvironment.InitialMessages(_manifest)[1].Text,
            RunDirectory = RunDirectory,
            WorkspacePath = WorkspacePath,
            Chosen = selection?.Node,
            SelectionReason = selection?.Reason ?? "no step ran",
            Files = files,
            Steps = [.. _steps],
            StopReason = stopReason,
            GuiTestInstruction = GuiTestInstruction,
            Backtracks = _backtracks.Count,
            Restarts = _restarts,
            Usage = _usage.Snapshot(),
        };
        await _store.WriteStateAsync(state, cancellationToken).ConfigureAwait(false);
        await _store.WriteResultAsync(_result, cancellationToken).ConfigureAwait(false);
        Log.RunCompleted(_logger, RunId, stopReason, _result.SelectionReason);
        _environment.Metrics.Episodes.Add(1, new KeyValuePair<string, object?>("webgen.stop_reason", stopReason.ToString()));
        return _result;
    }

    /// <summary>
    /// Stops the site's processes and releases the browser session. Checkpoints stay on disk; when the run has ended,
    /// the workspace's installed dependencies go too, unless <see cref="WebGenAgentOptions.KeepNodeModules"/> is set.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _environment.Metrics.EpisodesRunning.Add(-1);
        try
        {
            await _environment.Components.PageCapturer.EndSessionAsync(RunId).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.EndSessionFailed(_logger, RunId, ex);
        }

        await _session.DisposeAsync().ConfigureAwait(false);
        if (_result is not null && !_environment.Options.KeepNodeModules)
        {
            try
            {
                WorkspaceDependencies.Delete(WorkspacePath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Log.DependenciesNotDeleted(_logger, RunId, ex);
            }
        }
    }

    private ISecretRedactor Redactor => _environment.SecretRedactor;

    private T Redact<T>(T value) => JsonRedaction.Redact(Redactor, value, RunCheckpointStore.Json);

    private RunState State() => new()
    {
        LastStep = _steps.Count,
        CurrentNode = _currentNode,
        Restarts = _restarts,
        Backtracks = [.. _backtracks],
        Usage = _usage.Snapshot(),
    };

    private async Task RunStepAsync(string output, UsageDetails? usage, Func<WebGenEvent, ValueTask> emit, CancellationToken cancellationToken)
    {
        var step = _steps.Count + 1;
        var parent = _currentNode is { } p ? _nodes[p] : null;
        var started = _environment.TimeProvider.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        using var activity = WebGenTelemetry.ActivitySource.StartActivity("webgen.step");
        activity?.SetTag("webgen.run_id", RunId);
        activity?.SetTag("webgen.step", step);
        using var scope = _logger.BeginScope(new StepLogScope(RunId, step));

        var parse = BoltParser.Parse(output, Profile);
        var actionTypes = ActionTypes(parse);
        await emit(new ModelRespondedEvent
        {
            RunId = RunId,
            Step = step,
            Timestamp = started,
            Output = output,
            ActionTypes = actionTypes,
            Diagnostics = parse.Diagnostics,
            Usage = usage,
        }).ConfigureAwait(false);

        var context = new StepContext(
            new StepContextInputs(RunId, step, LoopRules.Classify(parse, Profile), Instruction, GuiTestInstruction, WorkspacePath, output, parse, parent, _environment.Options, _environment.Components, _session, _environment.TimeProvider, _logger, _environment.Metrics),
            emit);
        StepNode node;
        string feedback;
        string? exception = null;
        try
        {
            await _environment.Pipeline(context, cancellationToken).ConfigureAwait(false);
            node = LoopRules.Node(context);
            feedback = context.Feedback;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // What the stages recorded before the failure stays in the record.
            Log.StepFailed(_logger, step, ex);
            node = LoopRules.FailedNode(context, ex);
            feedback = FeedbackComposer.ForException(Instruction, ex.Message);
            exception = ex.GetType().Name + ": " + ex.Message;
        }

        _usage.Add(usage);
        foreach (var extra in context.Usage)
        {
            _usage.Add(extra);
        }

        var record = Redact(new StepRecord
        {
            Node = node,
            ModelOutput = output,
            ActionTypes = actionTypes,
            HasArtifact = parse.HasArtifact,
            ParseDiagnostics = parse.Diagnostics,
            Files = context.Files,
            ShellCommands = [.. context.ShellCommands],
            Sandbox = context.Sandbox,
            Capture = context.Capture,
            Judgement = context.Judgement,
            GuiTest = context.GuiTest,
            Checks = [.. context.Checks],
            Feedback = feedback,
            Exception = exception,
            Usage = usage,
            StartedAt = started,
            Duration = stopwatch.Elapsed,
        });

        // What the model sees next, and what is stored, is the redacted record's text.
        List<StoredMessage> added = [new StoredMessage("assistant", record.ModelOutput)];
        if (node.Kind != StepKind.Finish)
        {
            added.Add(new StoredMessage("user", record.Feedback));
        }

        _messages.AddRange(added);

        IReadOnlyList<WorkspaceFile>? snapshot = null;
        if (node.Kind == StepKind.Code)
        {
            snapshot = await WorkspaceSnapshot.CaptureAsync(WorkspacePath, _environment.Options.Workspace.MaxFileBytes, _environment.Options.Workspace.MaxWorkspaceBytes, cancellationToken).ConfigureAwait(false);
            snapshot = JsonRedaction.IsNoOp(Redactor) ? snapshot : [.. snapshot.Select(f => f with { Content = Redactor.Redact(f.Content) })];
        }

        _steps.Add(record);
        _nodes[step] = node;
        _currentNode = step;
        var state = State();
        await _store.WriteStepAsync(record, added, snapshot, state, cancellationToken).ConfigureAwait(false);
        await _store.WriteStateAsync(state, cancellationToken).ConfigureAwait(false);

        var kindTag = new KeyValuePair<string, object?>("webgen.step.kind", node.Kind.ToString());
        _environment.Metrics.Steps.Add(1, kindTag, new KeyValuePair<string, object?>("webgen.step.error", node.HasError));
        _environment.Metrics.StepDuration.Record(stopwatch.Elapsed.TotalSeconds, kindTag);
        if (activity is not null)
        {
            activity.SetTag("webgen.step.kind", node.Kind.ToString());
            activity.SetTag("webgen.step.error", node.HasError);
            activity.SetTag("webgen.grade.screenshot", node.ScreenshotGrade);
            activity.SetTag("webgen.grade.gui", node.GuiGrade);
            activity.SetTag("gen_ai.usage.input_tokens", usage?.InputTokenCount);
            activity.SetTag("gen_ai.usage.output_tokens", usage?.OutputTokenCount);
            if (exception is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, exception);
                activity.SetTag("error.type", exception.Split(':', 2)[0]);
            }
        }
        var errorCount = ErrorCount;
        Log.StepCompleted(_logger, step, node.Kind, node.ScreenshotGrade, node.GuiGrade, node.HasError, errorCount);
        await emit(new StepCompletedEvent { RunId = RunId, Step = step, Timestamp = _environment.TimeProvider.GetUtcNow(), Record = record, ErrorCount = errorCount }).ConfigureAwait(false);
    }

    private static IReadOnlyList<string> ActionTypes(BoltParseResult parse) => [.. parse.Actions.Select(a => a switch
    {
        FileAction => "file",
        ShellAction => "shell",
        StartAction => "start",
        ScreenshotValidatedAction => "screenshot_validated",
        FinishAction => "finish",
        GuiAgentTestAction => "gui_agent_test",
        _ => "unknown",
    })];
}
