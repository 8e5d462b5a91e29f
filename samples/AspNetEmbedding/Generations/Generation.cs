using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace WebGen.Samples.AspNetEmbedding;

/// <summary>
/// One generation: its event log (kept whole, so a late or reconnecting subscriber replays it and then follows live),
/// its screenshots and its cancellation.
/// </summary>
public sealed class Generation : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<GenerationEvent> _events = [];
    private readonly ConcurrentDictionary<int, byte[]> _screenshots = new();
    private readonly CancellationTokenSource _cancellation = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _cancelReason;

    internal Generation(string id, string instruction, DateTimeOffset createdAt)
    {
        Id = id;
        Instruction = instruction;
        CreatedAt = createdAt;
    }

    /// <summary>The generation id (also the agent's run id).</summary>
    public string Id { get; }

    /// <summary>The website request.</summary>
    public string Instruction { get; }

    /// <summary>When it was accepted.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Where it stands.</summary>
    public GenerationStatus Status { get; private set; } = GenerationStatus.Running;

    /// <summary>The run's result, once it completed.</summary>
    public WebGenResult? Result { get; private set; }

    /// <summary>The run directory, once the run started.</summary>
    public string? RunDirectory { get; internal set; }

    /// <summary>Ends when the run has stopped, whatever the outcome.</summary>
    public Task Completion { get; internal set; } = Task.CompletedTask;

    /// <summary>Stops the run.</summary>
    public CancellationToken CancellationToken => _cancellation.Token;

    /// <summary>The steps that have a screenshot.</summary>
    public IReadOnlyCollection<int> ScreenshotSteps => [.. _screenshots.Keys.Order()];

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

    /// <summary>Requests cancellation; the run records <paramref name="reason"/> when it stops.</summary>
    public void Cancel(string reason)
    {
        lock (_gate)
        {
            if (Status != GenerationStatus.Running)
            {
                return;
            }

            _cancelReason ??= reason;
        }

        _cancellation.Cancel();
    }

    /// <summary>The PNG of a step's screenshot, when it has one.</summary>
    public byte[]? Screenshot(int step) => _screenshots.GetValueOrDefault(step);

    internal void StoreScreenshot(int step, byte[] png) => _screenshots[step] = png;

    internal void Append(GenerationEvent e) => Publish(e, null, null);

    internal void Finish(GenerationStatus status, GenerationEvent final, WebGenResult? result) => Publish(final, status, result);

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

    /// <summary>
    /// The events from index <paramref name="from"/> on: first those already logged, then live ones, until the run has
    /// stopped and every event was read, or <paramref name="cancellationToken"/> fires (the stream then just ends).
    /// </summary>
    public async IAsyncEnumerable<(int Index, GenerationEvent Event)> ReadAsync(int from, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = Math.Max(0, from);
        while (!cancellationToken.IsCancellationRequested)
        {
            GenerationEvent[] batch;
            bool finished;
            Task changed;
            lock (_gate)
            {
                batch = next < _events.Count ? [.. _events.Skip(next)] : [];
                finished = Status != GenerationStatus.Running;
                changed = _changed.Task;
            }

            foreach (var e in batch)
            {
                yield return (next++, e);
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
                await changed.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _cancellation.Dispose();

    private void Publish(GenerationEvent e, GenerationStatus? status, WebGenResult? result)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (Status != GenerationStatus.Running)
            {
                return;
            }

            _events.Add(e);
            if (status is { } s)
            {
                Status = s;
                Result = result;
            }

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
