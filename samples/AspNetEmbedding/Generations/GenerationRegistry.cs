using Microsoft.Extensions.Options;

namespace WebGen.Samples.AspNetEmbedding;

/// <summary>
/// Starts generations in the background (at most <see cref="GenerationOptions.MaxConcurrentGenerations"/> at once), keeps
/// the latest ones in memory for their event streams and screenshots, cancels them on request, and stops every run when
/// the application stops (before the sandbox and the browser are disposed).
/// </summary>
public sealed partial class GenerationRegistry : IHostedService, IDisposable
{
    private readonly IWebGenAgent _agent;
    private readonly GenerationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<GenerationRegistry> _logger;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Generation> _byId = new(StringComparer.Ordinal);
    private readonly List<Generation> _order = [];
    private CancellationTokenRegistration _stopping;
    private int _running;
    private bool _shuttingDown;

    public GenerationRegistry(IWebGenAgent agent, IOptions<GenerationOptions> options, TimeProvider time, ILogger<GenerationRegistry> logger, IHostApplicationLifetime lifetime)
    {
        _agent = agent;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _lifetime = lifetime;
    }

    /// <summary>Starts a generation unless the server is at capacity or shutting down.</summary>
    public StartOutcome TryStart(string instruction, int? maxIterations, out Generation? generation)
    {
        generation = null;
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return StartOutcome.ShuttingDown;
            }

            if (_running >= _options.MaxConcurrentGenerations)
            {
                return StartOutcome.AtCapacity;
            }

            EvictFinished();
            var created = new Generation(Guid.NewGuid().ToString("N")[..12], instruction, _time.GetUtcNow());
            _byId[created.Id] = created;
            _order.Add(created);
            _running++;
            created.Completion = Task.Run(() => RunAsync(created, maxIterations));
            generation = created;
        }

        LogStarted(_logger, generation.Id);
        return StartOutcome.Started;
    }

    /// <summary>Finds a generation that is still kept.</summary>
    public Generation? Find(string id)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    /// <summary>Forgets a finished generation; false when it is unknown or still running.</summary>
    public bool Remove(string id)
    {
        Generation? removed;
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out removed) || removed.Status == GenerationStatus.Running)
            {
                return false;
            }

            _byId.Remove(id);
            _order.Remove(removed);
        }

        removed.Dispose();
        return true;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = _lifetime.ApplicationStopping.Register(() => CancelAll());
        return Task.CompletedTask;
    }

    /// <summary>Cancels every run and waits until they have stopped (their sites' servers are stopped with them).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var runs = CancelAll();
        try
        {
            await Task.WhenAll(runs).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogStopTimedOut(_logger, runs.Count(t => !t.IsCompleted));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping.Dispose();
        lock (_gate)
        {
            foreach (var generation in _order)
            {
                generation.Dispose();
            }

            _order.Clear();
            _byId.Clear();
        }
    }

    private List<Task> CancelAll()
    {
        List<Generation> running;
        lock (_gate)
        {
            _shuttingDown = true;
            running = [.. _order.Where(g => g.Status == GenerationStatus.Running)];
        }

        foreach (var generation in running)
        {
            generation.Cancel("the server is shutting down");
        }

        return [.. running.Select(g => g.Completion)];
    }

    private void EvictFinished()
    {
        while (_order.Count >= _options.MaxRetainedGenerations)
        {
            var oldest = _order.Find(g => g.Status != GenerationStatus.Running);
            if (oldest is null)
            {
                return;
            }

            _order.Remove(oldest);
            _byId.Remove(oldest.Id);
            oldest.Dispose();
        }
    }

    private async Task RunAsync(Generation generation, int? maxIterations)
    {
        var token = generation.CancellationToken;
        var lastStep = 0;
        try
        {
            WebGenResult? result = null;
            GenerationEvent? completed = null;
            var request = new WebGenRequest { Instruction = generation.Instruction, RunId = generation.Id, MaxIterations = maxIterations };
            await foreach (var e in _agent.RunStreamingAsync(request, token).WithCancellation(token))
            {
                lastStep = Math.Max(lastStep, e.Step);
                switch (e)
                {
                    case RunStartedEvent started:
                        generation.RunDirectory = started.RunDirectory;
                        break;
                    case ScreenshotEvent shot when shot.Capture.Succeeded:
                        generation.StoreScreenshot(shot.Step, shot.Capture.Png.ToArray());
                        break;
                }

                var summary = GenerationEvents.From(generation.Id, e);
                if (e is RunCompletedEvent done)
                {
                    result = done.Result;
                    completed = summary;
                }
                else if (summary is not null)
                {
                    generation.Append(summary);
                }
            }

            if (result is null || completed is null)
            {
                generation.Finish(GenerationStatus.Failed, GenerationEvents.Final("run-failed", "the agent's event stream ended without a result", lastStep, _time.GetUtcNow()), null);
            }
            else
            {
                generation.Finish(GenerationStatus.Completed, completed, result);
            }

            LogEnded(_logger, generation.Id, generation.Status);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            generation.Finish(
                GenerationStatus.Cancelled,
                GenerationEvents.Final("run-cancelled", generation.CancelReason + "; the completed steps stay checkpointed in the run directory", lastStep, _time.GetUtcNow()),
                null);
            LogEnded(_logger, generation.Id, GenerationStatus.Cancelled);
        }
#pragma warning disable CA1031 // Whatever the agent throws becomes the generation's failure, shown to its subscribers.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(_logger, generation.Id, ex);
            generation.Finish(GenerationStatus.Failed, GenerationEvents.Final("run-failed", ex.Message, lastStep, _time.GetUtcNow()), null);
        }
        finally
        {
            lock (_gate)
            {
                _running--;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Generation {Id} started")]
    private static partial void LogStarted(ILogger logger, string id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Generation {Id} ended: {Status}")]
    private static partial void LogEnded(ILogger logger, string id, GenerationStatus status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Generation {Id} failed")]
    private static partial void LogFailed(ILogger logger, string id, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} generations had not stopped when the shutdown timeout passed")]
    private static partial void LogStopTimedOut(ILogger logger, int count);
}
