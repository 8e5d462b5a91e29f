using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebGen.Hosting.Diagnostics;
using WebGen.Hosting.WarmUp;

namespace WebGen.Hosting;

/// <summary>
/// Runs the WebGen agent in the background: at most <see cref="WebGenHostingOptions.MaxConcurrentRuns"/> at once, up to
/// <see cref="WebGenHostingOptions.MaxQueuedRuns"/> waiting, the rest refused (back-pressure). Runs live under
/// <see cref="WebGenAgentOptions.RunsDirectory"/> by id, so a cancelled, failed or interrupted run resumes by id, even after a
/// restart. When the host stops, queued runs are dropped and running ones cancelled and awaited (the agent checkpoints every
/// completed step) before the sandbox and the browser are disposed.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "A queue of runs in the domain sense, not a collection type.")]
public sealed partial class WebGenRunQueue : IHostedService, IDisposable
{
    private readonly IWebGenAgent _agent;
    private readonly WebGenHostingOptions _options;
    private readonly string _runsRoot;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly WebGenWarmUp? _warmUp;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, WebGenRun> _byId = new(StringComparer.Ordinal);
    private readonly List<WebGenRun> _order = [];
    private readonly LinkedList<WebGenRun> _pending = [];
    private CancellationTokenRegistration _stopping;
    private int _running;
    private bool _shuttingDown;
    private bool _ready;

    internal WebGenRunQueue(
        IWebGenAgent agent,
        IOptions<WebGenHostingOptions> options,
        IOptions<WebGenAgentOptions> agentOptions,
        TimeProvider time,
        ILogger logger,
        IHostApplicationLifetime? lifetime,
        WebGenWarmUp? warmUp)
    {
        _agent = agent;
        _options = options.Value;
        _runsRoot = Path.GetFullPath(agentOptions.Value.RunsDirectory);
        _time = time;
        _logger = logger;
        _lifetime = lifetime;
        _warmUp = warmUp;
        _ready = warmUp is null;
    }

    /// <summary>Runs working now.</summary>
    public int Running
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    /// <summary>Runs waiting for a slot.</summary>
    public int Queued
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>The limits in force.</summary>
    public WebGenHostingOptions Options => _options;

    /// <summary>The folder that holds every run directory.</summary>
    public string RunsDirectory => _runsRoot;

    /// <summary>True once the host began stopping: no run is accepted any more.</summary>
    public bool IsShuttingDown
    {
        get
        {
            lock (_gate)
            {
                return _shuttingDown;
            }
        }
    }

    /// <summary>
    /// Queues a new run. <see cref="WebGenRequest.RunId"/> is generated when null; <see cref="WebGenRequest.RunDirectory"/> must be
    /// null: the queue keeps every run at <c>{RunsDirectory}/{id}</c> so that it can be found and resumed by id.
    /// </summary>
    /// <param name="request">The website request.</param>
    /// <exception cref="ArgumentException">The request names a run directory, has no instruction, or its run id has characters other than letters, digits, '-' and '_'.</exception>
    public RunQueueResult Submit(WebGenRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Instruction, nameof(request));
        if (request.RunDirectory is not null)
        {
            throw new ArgumentException("Leave RunDirectory null: the queue keeps every run at {RunsDirectory}/{RunId} so it can be found and resumed by id.", nameof(request));
        }

        if (request.RunId is { } requested && !IsValidId(requested))
        {
            throw new ArgumentException($"The run id '{requested}' may contain only letters, digits, '-' and '_' (at most 64).", nameof(request));
        }

        WebGenRun run;
        lock (_gate)
        {
            if (Refusal() is { } refused)
            {
                return refused;
            }

            var id = request.RunId ?? Guid.NewGuid().ToString("N")[..12];
            if (_byId.ContainsKey(id) || Directory.Exists(Path.Combine(_runsRoot, id)))
            {
                return new RunQueueResult { Outcome = RunQueueOutcome.Conflict, Run = _byId.GetValueOrDefault(id), Message = $"A run with id '{id}' already exists; choose another id, or resume it." };
            }

            run = new WebGenRun(request with { RunId = id, RunDirectory = Path.Combine(_runsRoot, id) }, _time.GetUtcNow());
            Track(run);
            Enqueue(run, "queued");
        }

        Log.RunQueued(_logger, run.Id, false);
        Dispatch();
        return new RunQueueResult { Outcome = RunQueueOutcome.Accepted, Run = run, Message = "The run is queued." };
    }

    /// <summary>
    /// Queues a stopped run (cancelled, failed, or interrupted by a restart) to continue from its last checkpointed step; nothing
    /// already done is redone. A run no longer in memory is found in the runs directory by id.
    /// </summary>
    /// <param name="id">The run id.</param>
    /// <param name="cancellationToken">Cancels reading the run directory.</param>
    public async Task<RunQueueResult> ResumeAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!IsValidId(id))
        {
            return NotFound(id);
        }

        WebGenRun? known;
        lock (_gate)
        {
            if (Refusal() is { } refused)
            {
                return refused;
            }

            known = _byId.GetValueOrDefault(id);
            if (known is not null)
            {
                return RequeueKnown(known);
            }
        }

        // Known only on disk (the server restarted, or the run was forgotten): read what it was asked to do.
        var directory = Path.Combine(_runsRoot, id);
        if (!File.Exists(Path.Combine(directory, "run.json")))
        {
            return NotFound(id);
        }

        RunCheckpoint checkpoint;
        try
        {
            checkpoint = await RunCheckpoint.LoadAsync(directory, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            return new RunQueueResult { Outcome = RunQueueOutcome.Conflict, Message = $"Run '{id}' cannot be resumed: {ex.Message}" };
        }

        if (checkpoint.IsComplete)
        {
            return new RunQueueResult { Outcome = RunQueueOutcome.Conflict, Message = $"Run '{id}' already completed; there is nothing to resume." };
        }

        WebGenRun run;
        lock (_gate)
        {
            if (Refusal() is { } refused)
            {
                return refused;
            }

            if (_byId.TryGetValue(id, out var raced))
            {
                return RequeueKnown(raced);
            }

            run = new WebGenRun(new WebGenRequest { Instruction = checkpoint.Manifest.Instruction, RunId = id, RunDirectory = directory, Labels = checkpoint.Manifest.Labels }, checkpoint.Manifest.CreatedAt);
            run.MarkResume();
            Track(run);
            Enqueue(run, string.Create(CultureInfo.InvariantCulture, $"queued to resume after step {checkpoint.Steps.Count}"));
        }

        Log.RunQueued(_logger, id, true);
        Dispatch();
        return new RunQueueResult { Outcome = RunQueueOutcome.Accepted, Run = run, Message = "The run is queued to resume." };
    }

    /// <summary>Finds a run kept in memory.</summary>
    /// <param name="id">The run id.</param>
    public WebGenRun? Find(string id)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    /// <summary>The runs kept in memory, newest first.</summary>
    public IReadOnlyList<WebGenRun> List()
    {
        lock (_gate)
        {
            return [.. Enumerable.Reverse(_order)];
        }
    }

    /// <summary>
    /// Cancels a queued or running run: a queued one stops at once, a running one at its next cancellation point (its site's
    /// server is stopped, its completed steps stay checkpointed). False when the run is unknown or not active.
    /// </summary>
    /// <param name="id">The run id.</param>
    /// <param name="reason">Recorded in the run's last event.</param>
    public bool Cancel(string id, string reason = "cancelled on request")
    {
        WebGenRun? run;
        bool wasQueued;
        lock (_gate)
        {
            run = _byId.GetValueOrDefault(id);
            if (run is null || !run.IsActive)
            {
                return false;
            }

            wasQueued = _pending.Remove(run);
        }

        if (wasQueued)
        {
            run.Cancel(reason);
            FinishCancelled(run, 0);
        }
        else
        {
            run.Cancel(reason);
        }

        return true;
    }

    /// <summary>Forgets a finished run (its run directory stays on disk); false when it is unknown or still active.</summary>
    /// <param name="id">The run id.</param>
    public bool Remove(string id)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var run) || run.IsActive)
            {
                return false;
            }

            _byId.Remove(id);
            _order.Remove(run);
            return true;
        }
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_lifetime is not null)
        {
            // Cancel as soon as stopping begins, before the other hosted services stop, so runs end while their parts still work.
            _stopping = _lifetime.ApplicationStopping.Register(() => CancelAll());
        }

        if (_warmUp is not null)
        {
            _ = WaitForWarmUpAsync(_warmUp);
        }

        return Task.CompletedTask;
    }

    /// <summary>Refuses new runs, drops queued ones, cancels running ones and waits until they stopped (bounded by the host's shutdown timeout).</summary>
    /// <param name="cancellationToken">The host's shutdown deadline.</param>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var runs = CancelAll();
        try
        {
            await Task.WhenAll(runs).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.StopTimedOut(_logger, runs.Count(t => !t.IsCompleted));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();

    internal static bool IsValidId(string id) => IdPattern().IsMatch(id);

    private RunQueueResult? Refusal()
    {
        if (_shuttingDown)
        {
            return new RunQueueResult { Outcome = RunQueueOutcome.ShuttingDown, Message = "The server is stopping and accepts no runs; try again when it is back." };
        }

        if (_running + _pending.Count >= _options.MaxConcurrentRuns + _options.MaxQueuedRuns)
        {
            return new RunQueueResult
            {
                Outcome = RunQueueOutcome.QueueFull,
                Message = string.Create(CultureInfo.InvariantCulture, $"{_running} runs are running and {_pending.Count} waiting (limits {_options.MaxConcurrentRuns} and {_options.MaxQueuedRuns}); try again later or cancel a run."),
            };
        }

        return null;
    }

    private RunQueueResult RequeueKnown(WebGenRun run)
    {
        if (run.IsActive)
        {
            return new RunQueueResult { Outcome = RunQueueOutcome.Conflict, Run = run, Message = $"Run '{run.Id}' is {run.Status.ToString().ToLowerInvariant()}; there is nothing to resume yet." };
        }

        if (run.Status == WebGenRunStatus.Completed)
        {
            return new RunQueueResult { Outcome = RunQueueOutcome.Conflict, Run = run, Message = $"Run '{run.Id}' already completed; there is nothing to resume." };
        }

        if (!run.IsResumable)
        {
            return new RunQueueResult { Outcome = RunQueueOutcome.Conflict, Run = run, Message = $"Run '{run.Id}' stopped before its first checkpoint; submit it again." };
        }

        run.Requeue(RunEvents.Create("run-queued", "queued to resume from its checkpoints", 0, _time.GetUtcNow()));
        _pending.AddLast(run);
        Log.RunQueued(_logger, run.Id, true);
        _ = Task.Run(Dispatch);
        return new RunQueueResult { Outcome = RunQueueOutcome.Accepted, Run = run, Message = "The run is queued to resume." };
    }

    private static RunQueueResult NotFound(string id) =>
        new() { Outcome = RunQueueOutcome.NotFound, Message = $"No run has id '{id}', in memory or in the runs directory." };

    private void Track(WebGenRun run)
    {
        EvictFinished();
        _byId[run.Id] = run;
        _order.Add(run);
    }

    private void Enqueue(WebGenRun run, string message)
    {
        _pending.AddLast(run);
        var waiting = _running >= _options.MaxConcurrentRuns || !_ready;
        run.Append(RunEvents.Create("run-queued", waiting ? message + string.Create(CultureInfo.InvariantCulture, $" ({_pending.Count} waiting for a slot)") : message, 0, _time.GetUtcNow()));
    }

    private void EvictFinished()
    {
        while (_order.Count >= _options.MaxRetainedRuns)
        {
            var oldest = _order.Find(r => !r.IsActive);
            if (oldest is null)
            {
                return;
            }

            _order.Remove(oldest);
            _byId.Remove(oldest.Id);
        }
    }

    private async Task WaitForWarmUpAsync(WebGenWarmUp warmUp)
    {
        await warmUp.RunsMayStart.ConfigureAwait(false);
        lock (_gate)
        {
            _ready = true;
        }

        Dispatch();
    }

    private void Dispatch()
    {
        lock (_gate)
        {
            while (_ready && !_shuttingDown && _running < _options.MaxConcurrentRuns && _pending.First?.Value is { } next)
            {
                _pending.RemoveFirst();
                _running++;
                next.MarkRunning(_time.GetUtcNow());
                next.Completion = Task.Run(() => ExecuteAsync(next));
            }
        }
    }

    private List<Task> CancelAll()
    {
        List<WebGenRun> queued;
        List<WebGenRun> running;
        lock (_gate)
        {
            _shuttingDown = true;
            queued = [.. _pending];
            _pending.Clear();
            running = [.. _order.Where(r => r.Status == WebGenRunStatus.Running)];
        }

        foreach (var run in queued)
        {
            run.Cancel("the server stopped before the run started");
            FinishCancelled(run, 0);
        }

        foreach (var run in running)
        {
            run.Cancel("the server is shutting down");
        }

        return [.. running.Select(r => r.Completion)];
    }

    private void FinishCancelled(WebGenRun run, int lastStep)
    {
        var resumable = File.Exists(Path.Combine(run.RunDirectory, "run.json"));
        var message = run.CancelReason + (resumable ? "; the completed steps stay checkpointed: resume the run to continue" : "; nothing was checkpointed yet");
        run.Finish(WebGenRunStatus.Cancelled, RunEvents.Create("run-cancelled", message, lastStep, _time.GetUtcNow(), resumable), null, run.CancelReason, _time.GetUtcNow());
        Log.RunEnded(_logger, run.Id, WebGenRunStatus.Cancelled);
    }

    private async Task ExecuteAsync(WebGenRun run)
    {
        var token = run.CancellationToken;
        var lastStep = 0;
        try
        {
            var events = run.ResumeNext ? _agent.ResumeStreamingAsync(run.RunDirectory, token) : _agent.RunStreamingAsync(run.Request, token);
            WebGenResult? result = null;
            WebGenRunEvent? completed = null;
            await foreach (var e in events.WithCancellation(token).ConfigureAwait(false))
            {
                lastStep = Math.Max(lastStep, e.Step);
                if (e is ScreenshotEvent shot && shot.Capture.Succeeded)
                {
                    run.StoreScreenshot(shot.Step, shot.Capture.Png.ToArray());
                }

                if (e is RunStartedEvent)
                {
                    // From here on the run directory exists: a later failure or cancellation leaves it resumable.
                    run.MarkResume();
                }

                var summary = RunEvents.From(e);
                if (e is RunCompletedEvent done)
                {
                    result = done.Result;
                    completed = summary;
                }
                else if (summary is not null)
                {
                    run.Append(summary);
                }
            }

            if (result is null || completed is null)
            {
                Fail(run, "the agent's event stream ended without a result", lastStep);
            }
            else
            {
                run.Finish(WebGenRunStatus.Completed, completed, result, null, _time.GetUtcNow());
                Log.RunEnded(_logger, run.Id, WebGenRunStatus.Completed);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            FinishCancelled(run, lastStep);
        }
#pragma warning disable CA1031 // Whatever the agent throws becomes the run's failure, shown to its subscribers; the host keeps serving.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.RunFailed(_logger, run.Id, ex);
            Fail(run, ex.Message, lastStep);
        }
        finally
        {
            lock (_gate)
            {
                _running--;
            }

            Dispatch();
        }
    }

    private void Fail(WebGenRun run, string reason, int lastStep)
    {
        var resumable = File.Exists(Path.Combine(run.RunDirectory, "run.json"));
        var message = reason + (resumable ? "; the completed steps stay checkpointed: resume the run to continue" : "");
        run.Finish(WebGenRunStatus.Failed, RunEvents.Create("run-failed", message, lastStep, _time.GetUtcNow(), resumable), null, reason, _time.GetUtcNow());
        Log.RunEnded(_logger, run.Id, WebGenRunStatus.Failed);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();
}
