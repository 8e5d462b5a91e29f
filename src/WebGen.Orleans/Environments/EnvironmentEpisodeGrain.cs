using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace WebGen.Orleans;

/// <summary>
/// Holds one turn-by-turn episode on this silo in a slot of its <see cref="SlotLedger"/>. Steps run off the grain's
/// scheduler and are polled (reentrant, so a poll or a cancel reaches the grain while a step runs; the client sends
/// one step at a time). Deactivation (dispose, Orleans' idle collection, the silo stopping) cancels the running step
/// without recording it, disposes the sandbox and browser session and frees the slot; the run's checkpoints stay in the
/// shared store, so <see cref="ResumeAsync"/> on another silo continues at the last recorded step.
/// </summary>
[Reentrant]
[EpisodeSlotPlacement]
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "Disposed in OnDeactivateAsync, the end of the activation's life.")]
internal sealed class EnvironmentEpisodeGrain(
    WebGenEnvironment environment,
    SlotLedger ledger,
    ILocalSiloDetails silo,
    ILogger<EnvironmentEpisodeGrain> logger) : Grain, IEnvironmentEpisodeGrain
{
    private readonly Guid _activation = Guid.NewGuid();
    private WebGenEpisode? _episode;
    private bool _starting;
    private Task<StepRecord>? _step;
    private CancellationTokenSource? _stepCancellation;
    private bool _released;
    private bool _retiring;

    private string RunId => this.GetPrimaryKeyString();

    private string RunDirectory => Path.GetFullPath(Path.Combine(environment.Options.RunsDirectory, RunId));

    public Task<EnvironmentEpisodeView> StartAsync(string requestJson) => OpenAsync(async () =>
    {
        var request = JsonSerializer.Deserialize<WebGenRequest>(requestJson, ClusterJson.Options)
            ?? throw new ArgumentException("The episode request is empty.", nameof(requestJson));
        Log.EnvironmentEpisodeStarted(logger, RunId, SiloName);
        return await environment.StartEpisodeAsync(request with { RunId = RunId, RunDirectory = RunDirectory }).ConfigureAwait(true);
    });

    public Task<EnvironmentEpisodeView> ResumeAsync() => OpenAsync(async () =>
    {
        var store = environment.Components.RunStores.Open(RunId, RunDirectory);
        if (await store.ReadAsync("run.json").ConfigureAwait(true) is null)
        {
            return null;
        }

        Log.EnvironmentEpisodeResumed(logger, RunId, SiloName);
        return await environment.ResumeEpisodeAsync(RunDirectory).ConfigureAwait(true);
    });

    public Task<EnvironmentStepStatus> BeginStepAsync(string output, int stepsBefore)
    {
        if (_episode is not { } episode)
        {
            Retire();
            return Task.FromResult(EnvironmentStepStatus.NotRunning);
        }

        if (_step is { IsCompleted: false })
        {
            return Task.FromResult(EnvironmentStepStatus.Busy);
        }

        if (episode.Steps.Count <= stepsBefore)
        {
            _stepCancellation?.Dispose();
            _stepCancellation = new CancellationTokenSource();
            var token = _stepCancellation.Token;
            _step = Task.Run(() => episode.StepAsync(output, usage: null, token), CancellationToken.None);
        }

        return Task.FromResult(EnvironmentStepStatus.Running);
    }

    public async Task<EnvironmentStepPoll> PollStepAsync(int stepsBefore, TimeSpan wait)
    {
        if (_episode is not { } episode)
        {
            Retire();
            return new EnvironmentStepPoll { Status = EnvironmentStepStatus.NotRunning, Activation = _activation };
        }

        if (_step is { IsCompleted: false } running)
        {
            await Task.WhenAny(running, Task.Delay(wait)).ConfigureAwait(true);
            if (!running.IsCompleted)
            {
                return new EnvironmentStepPoll { Status = EnvironmentStepStatus.Running, Activation = _activation };
            }
        }

        if (_step is { IsFaulted: true } or { IsCanceled: true } && episode.Steps.Count <= stepsBefore)
        {
            var error = _step.Exception?.InnerException is { } ex ? ex.GetType().Name + ": " + ex.Message : "the step was cancelled";
            return new EnvironmentStepPoll { Status = EnvironmentStepStatus.Failed, Activation = _activation, Error = environment.SecretRedactor.Redact(error) };
        }

        return episode.Steps.Count > stepsBefore
            ? new EnvironmentStepPoll
            {
                Status = EnvironmentStepStatus.Recorded,
                Activation = _activation,
                Step = JsonSerializer.Serialize(episode.Steps[stepsBefore], ClusterJson.Options),
                Messages = MessagesOf(episode),
            }
            : new EnvironmentStepPoll { Status = EnvironmentStepStatus.Failed, Activation = _activation, Error = $"Step {stepsBefore + 1} was never started." };
    }

    public async Task CancelStepAsync()
    {
        if (_stepCancellation is { IsCancellationRequested: false } cancellation)
        {
            await cancellation.CancelAsync().ConfigureAwait(true);
        }
    }

    public async Task CompleteAsync(WebGenStopReason reason)
    {
        if (_episode is { } episode && _step is null or { IsCompleted: true })
        {
            await episode.CompleteAsync(reason).ConfigureAwait(true);
        }
    }

    public async Task DisposeAsync()
    {
        await ReleaseAsync().ConfigureAwait(true);
        DeactivateOnIdle();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_episode is not null && !_released)
        {
            Log.EnvironmentEpisodeStopping(logger, RunId, reason.Description);
        }

        await ReleaseAsync().ConfigureAwait(true);
        await base.OnDeactivateAsync(reason, cancellationToken).ConfigureAwait(true);
    }

    private void Retire()
    {
        _retiring = true;
        DeactivateOnIdle();
    }

    private string SiloName => silo.SiloAddress.ToParsableString();

    private static IReadOnlyList<EnvironmentChatMessage> MessagesOf(WebGenEpisode episode) =>
        [.. episode.Messages.Select(m => new EnvironmentChatMessage(m.Role.Value, m.Text))];

    /// <summary>Takes a slot and opens the episode; <paramref name="open"/> answers null when there is nothing to resume.</summary>
    private async Task<EnvironmentEpisodeView> OpenAsync(Func<Task<WebGenEpisode?>> open)
    {
        if (_episode is { } current)
        {
            return Describe(EnvironmentEpisodeStatus.AlreadyStarted, current);
        }

        if (_starting)
        {
            return View(EnvironmentEpisodeStatus.AlreadyStarted);
        }

        // An activation on its way out (a call reached it after its silo lost the episode) takes no episode: the
        // client places it again, on the silo whose slot it reserved.
        if (_released || _retiring || !ledger.TryClaim(RunId))
        {
            Retire();
            return View(EnvironmentEpisodeStatus.NoSlot);
        }

        _starting = true;
        try
        {
            _episode = await open().ConfigureAwait(true);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.EnvironmentEpisodeFailed(logger, RunId, ex);
            ledger.Release(RunId);
            Retire();
            return View(EnvironmentEpisodeStatus.Failed) with { Error = environment.SecretRedactor.Redact(ex.Message), ErrorType = ex.GetType().Name };
        }
        finally
        {
            _starting = false;
        }

        if (_episode is null)
        {
            ledger.Release(RunId);
            Retire();
            return View(EnvironmentEpisodeStatus.NotFound);
        }

        return Describe(EnvironmentEpisodeStatus.Ready, _episode);
    }

    private EnvironmentEpisodeView Describe(EnvironmentEpisodeStatus status, WebGenEpisode episode) => View(status) with
    {
        MaxIterations = episode.MaxIterations,
        Messages = MessagesOf(episode),
        Steps = [.. episode.Steps.Select(s => JsonSerializer.Serialize(s, ClusterJson.Options))],
        IsResume = episode.IsResume,
    };

    /// <summary>Cancels the running step, disposes the episode and frees the slot; once.</summary>
    private async Task ReleaseAsync()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        if (_step is { IsCompleted: false } step)
        {
            await CancelStepAsync().ConfigureAwait(true);
            await ((Task)step).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        try
        {
            if (_episode is { } episode)
            {
                await episode.DisposeAsync().ConfigureAwait(true);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.EnvironmentEpisodeFailed(logger, RunId, ex);
        }
        finally
        {
            _stepCancellation?.Dispose();
            if (_episode is not null)
            {
                ledger.Release(RunId);
            }

            _episode = null;
        }
    }

    private EnvironmentEpisodeView View(EnvironmentEpisodeStatus status) => new() { Status = status, Activation = _activation, Silo = SiloName };
}
