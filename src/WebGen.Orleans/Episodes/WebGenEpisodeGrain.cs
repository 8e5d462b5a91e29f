using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace WebGen.Orleans;

/// <summary>
/// Runs one episode on this silo in a slot of its <see cref="SlotLedger"/>, buffering the events for the client's
/// polls. The run goes on whether or not a client listens; cancelling it, or deactivating the grain (its silo shutting
/// down), stops it without recording the step in progress, so whoever resumes it next redoes only that step.
/// </summary>
[Reentrant]
[EpisodeSlotPlacement]
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "Disposed in OnDeactivateAsync, the end of the activation's life.")]
internal sealed class WebGenEpisodeGrain(
    IWebGenAgent agent,
    WebGenEnvironment environment,
    SlotLedger ledger,
    ILocalSiloDetails silo,
    ILogger<WebGenEpisodeGrain> logger) : Grain, IWebGenEpisodeGrain
{
    private readonly Guid _activation = Guid.NewGuid();
    private readonly List<string> _events = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _cancellation;
    private Task? _run;
    private bool _starting;
    private volatile EpisodeRunState _state;
    private string? _error;

    private string RunId => this.GetPrimaryKeyString();

    public async Task<EpisodeStart> StartAsync(string? requestJson)
    {
        if (_starting || _run is not null)
        {
            return Start(EpisodeStartStatus.AlreadyStarted);
        }

        if (!ledger.TryClaim(RunId))
        {
            DeactivateOnIdle();
            return Start(EpisodeStartStatus.NoSlot);
        }

        _starting = true;
        try
        {
            var runDirectory = Path.Combine(environment.Options.RunsDirectory, RunId);
            var store = environment.Components.RunStores.Open(RunId, Path.GetFullPath(runDirectory));
            var exists = await store.ReadAsync("run.json").ConfigureAwait(true) is not null;
            if (!exists && requestJson is null)
            {
                ledger.Release(RunId);
                DeactivateOnIdle();
                return Start(EpisodeStartStatus.NotFound);
            }

            _cancellation = new CancellationTokenSource();
            var token = _cancellation.Token;
            IAsyncEnumerable<WebGenEvent> events;
            if (exists)
            {
                Log.EpisodeResumed(logger, RunId, silo.SiloAddress.ToParsableString());
                events = agent.ResumeStreamingAsync(runDirectory, token);
            }
            else
            {
                var request = JsonSerializer.Deserialize<WebGenRequest>(requestJson!, ClusterJson.Options)
                    ?? throw new ArgumentException("The episode request is empty.", nameof(requestJson));
                Log.EpisodeStarted(logger, RunId, silo.SiloAddress.ToParsableString());
                events = agent.RunStreamingAsync(request with { RunId = RunId, RunDirectory = runDirectory }, token);
            }

            // An episode outlives idle periods of its client: keep the activation until the run ends.
            DelayDeactivation(TimeSpan.FromDays(7));
            _state = EpisodeRunState.Running;
            _run = Task.Run(() => PumpAsync(events, token), CancellationToken.None);
            return Start(EpisodeStartStatus.Started);
        }
        catch
        {
            ledger.Release(RunId);
            throw;
        }
        finally
        {
            _starting = false;
        }
    }

    public async Task<EpisodeEvents> PollAsync(int after, TimeSpan wait)
    {
        if (_run is null && !_starting)
        {
            // A poll re-activated the grain after its silo went away: step aside so the client's next start places it.
            DeactivateOnIdle();
            return Snapshot(after);
        }

        var changed = _changed.Task;
        if (Count() <= after && _state == EpisodeRunState.Running)
        {
            await Task.WhenAny(changed, Task.Delay(wait)).ConfigureAwait(true);
        }

        var snapshot = Snapshot(after);
        if (snapshot.State is not EpisodeRunState.Running)
        {
            // The run ended and the client has its last events: free the activation (a later start reads the store).
            DeactivateOnIdle();
        }

        return snapshot;
    }

    public Task CancelAsync()
    {
        if (_cancellation is { IsCancellationRequested: false } cancellation)
        {
            Log.EpisodeCancelled(logger, RunId);
            cancellation.Cancel();
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_run is { IsCompleted: false } run)
        {
            Log.EpisodeStopping(logger, RunId, reason.Description);
            await CancelAsync().ConfigureAwait(true);
            await run.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        _cancellation?.Dispose();
        await base.OnDeactivateAsync(reason, cancellationToken).ConfigureAwait(true);
    }

    private async Task PumpAsync(IAsyncEnumerable<WebGenEvent> events, CancellationToken cancellationToken)
    {
        EpisodeRunState state;
        string? error = null;
        try
        {
            await foreach (var e in events.ConfigureAwait(true))
            {
                Append(JsonSerializer.Serialize(e, ClusterJson.Options));
            }

            state = EpisodeRunState.Completed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            state = EpisodeRunState.Cancelled;
        }
        catch (Exception ex)
        {
            Log.EpisodeFailed(logger, RunId, ex);
            state = EpisodeRunState.Failed;
            error = environment.SecretRedactor.Redact(ex.GetType().Name + ": " + ex.Message);
        }

        ledger.Release(RunId);
        lock (_events)
        {
            _error = error;
            _state = state;
        }

        Signal();
    }

    private void Append(string json)
    {
        lock (_events)
        {
            _events.Add(json);
        }

        Signal();
    }

    private void Signal() => Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private int Count()
    {
        lock (_events)
        {
            return _events.Count;
        }
    }

    private EpisodeEvents Snapshot(int after)
    {
        lock (_events)
        {
            return new EpisodeEvents
            {
                Activation = _activation,
                Events = after < _events.Count ? _events[Math.Max(0, after)..] : [],
                State = _state,
                Error = _error,
            };
        }
    }

    private EpisodeStart Start(EpisodeStartStatus status) => new() { Status = status, Activation = _activation, Silo = silo.SiloAddress.ToParsableString() };
}
