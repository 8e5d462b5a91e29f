using System.Diagnostics.CodeAnalysis;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace WebGen.Hosting;

/// <summary>
/// One run of the hosted queue: its status, its event log (kept whole, so a late or reconnecting subscriber replays it and
/// then follows live), its screenshots and its cancellation. A resumed run keeps its id and its log, which continues.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "Its CancellationTokenSource has no timer and holds nothing unmanaged; runs are forgotten, not disposed.")]
public sealed class WebGenRun
{
    private readonly Lock _gate = new();
    private readonly List<WebGenRunEvent> _events = [];
    private readonly ConcurrentDictionary<int, byte[]> _screenshots = new();
    private CancellationTokenSource _cancellation = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _cancelReason;

    internal WebGenRun(WebGenRequest request, DateTimeOffset createdAt)
    {
        Request = request;
        CreatedAt = createdAt;
    }

    /// <summary>The run id (also the agent's run id and the name of its run directory).</summary>
    public string Id => Request.RunId!;

    /// <summary>The website request.</summary>
    public string Instruction => Request.Instruction;

    /// <summary>Where the run keeps its checkpoints, screenshots and chosen site.</summary>
    public string RunDirectory => Request.RunDirectory!;

    /// <summary>When it was accepted.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>When the agent last started or resumed it.</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>When it last stopped.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Where it stands.</summary>
    public WebGenRunStatus Status { get; private set; } = WebGenRunStatus.Queued;

    /// <summary>True while it waits or runs.</summary>
    public bool IsActive => Status is WebGenRunStatus.Queued or WebGenRunStatus.Running;

    /// <summary>The result, once completed.</summary>
    public WebGenResult? Result { get; private set; }

    /// <summary>Why it failed or was cancelled.</summary>
    public string? Failure { get; private set; }

    /// <summary>True when it stopped without a result and its run directory holds a checkpoint to resume from.</summary>
    public bool IsResumable => Status is WebGenRunStatus.Failed or WebGenRunStatus.Cancelled && File.Exists(Path.Combine(RunDirectory, "run.json"));

    /// <summary>Completes when the current attempt has stopped, whatever the outcome.</summary>
    public Task Completion { get; internal set; } = Task.CompletedTask;

    /// <summary>The number of events so far.</summary>
    public int EventCount
    {
        get
        {
            lock (_gate)
            {
                return _events.Count;
            }
        }
    }

    /// <summary>The steps that have a screenshot, in order.</summary>
    public IReadOnlyList<int> ScreenshotSteps => [.. _screenshots.Keys.Order()];

    internal WebGenRequest Request { get; }

    internal bool ResumeNext { get; private set; }

    internal CancellationToken CancellationToken
    {
        get
        {
            lock (_gate)
            {
                return _cancellation.Token;
            }
        }
    }

    internal string CancelReason
    {
        get
        {
            lock (_gate)
            {
                return _cancelReason ?? "the run was cancelled";
            }
        }
    }

    /// <summary>The PNG of a step's screenshot, when it has one.</summary>
    /// <param name="step">The step number.</param>
    public byte[]? Screenshot(int step) => _screenshots.GetValueOrDefault(step);

    /// <summary>
    /// The events from position <paramref name="from"/> on: those already logged, then live ones, until the run has stopped
    /// and every event was read, or <paramref name="cancellationToken"/> fires (the sequence then just ends).
    /// </summary>
    /// <param name="from">The first event id to return (the <c>Last-Event-ID</c> seen plus one).</param>
    /// <param name="cancellationToken">Ends the sequence.</param>
    public async IAsyncEnumerable<WebGenRunEvent> ReadEventsAsync(int from = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = Math.Max(0, from);
        while (!cancellationToken.IsCancellationRequested)
        {
            WebGenRunEvent[] batch;
            bool finished;
            Task changed;
            lock (_gate)
            {
                batch = next < _events.Count ? [.. _events.Skip(next)] : [];
                finished = !IsActive;
                changed = _changed.Task;
            }

            foreach (var e in batch)
            {
                next++;
                yield return e;
            }

            if (batch.Length > 0)
            {
                continue;
            }

            if (finished)
            {
                yield break;
            }

            try
            {
                await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }
        }
    }

    /// <summary>Requests cancellation; false when the run is not active.</summary>
    internal bool Cancel(string reason)
    {
        CancellationTokenSource cancellation;
        lock (_gate)
        {
            if (!IsActive)
            {
                return false;
            }

            _cancelReason ??= reason;
            cancellation = _cancellation;
        }

        cancellation.Cancel();
        return true;
    }

    internal void StoreScreenshot(int step, byte[] png) => _screenshots[step] = png;

    internal void Append(WebGenRunEvent e) => Publish(e, null, null, null, null);

    internal void MarkRunning(DateTimeOffset now)
    {
        lock (_gate)
        {
            Status = WebGenRunStatus.Running;
            StartedAt = now;
        }
    }

    /// <summary>Puts a stopped run back in the queue to continue from its checkpoints; the log goes on.</summary>
    internal void Requeue(WebGenRunEvent queued)
    {
        CancellationTokenSource old;
        lock (_gate)
        {
            old = _cancellation;
            _cancellation = new CancellationTokenSource();
            _cancelReason = null;
            Status = WebGenRunStatus.Queued;
            Failure = null;
            EndedAt = null;
            ResumeNext = true;
        }

        old.Dispose();
        Publish(queued, null, null, null, null);
    }

    /// <summary>Marks a run that is known only from its run directory as resumable from there.</summary>
    internal void MarkResume() => ResumeNext = true;

    internal void Finish(WebGenRunStatus status, WebGenRunEvent final, WebGenResult? result, string? failure, DateTimeOffset now) => Publish(final, status, result, failure, now);

    private void Publish(WebGenRunEvent e, WebGenRunStatus? status, WebGenResult? result, string? failure, DateTimeOffset? now)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (!IsActive)
            {
                return;
            }

            _events.Add(e with { Id = _events.Count });
            if (status is { } s)
            {
                Status = s;
                Result = result;
                Failure = failure;
                EndedAt = now;
            }

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
