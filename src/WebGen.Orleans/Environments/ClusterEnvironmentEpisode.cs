using System.Text.Json;
using Microsoft.Extensions.AI;

namespace WebGen.Orleans;

/// <summary>
/// An episode held by a worker silo, stepped turn by turn (<see cref="WebGenClusterEnvironment.TryStartEpisodeAsync"/>).
/// Like <see cref="WebGenEpisode"/>, it takes one step at a time. When its worker dies (or drops it), the next call
/// resumes it on another worker from its last recorded step; a step in progress at that moment is redone with the same
/// answer, and a step that was recorded just before is returned as recorded, never run twice.
/// </summary>
public sealed class ClusterEnvironmentEpisode : IAsyncDisposable
{
    private readonly IEnvironmentEpisodeGrain _grain;
    private readonly WebGenClusterEnvironment _environment;
    private Guid _activation;
    private IReadOnlyList<StepRecord> _steps = [];
    private IReadOnlyList<ChatMessage> _messages = [];
    private int _disposed;

    internal ClusterEnvironmentEpisode(string runId, IEnvironmentEpisodeGrain grain, EnvironmentEpisodeView view, WebGenClusterEnvironment environment)
    {
        RunId = runId;
        _grain = grain;
        _environment = environment;
        MaxIterations = view.MaxIterations;
        Adopt(view);
    }

    /// <summary>The episode's run id.</summary>
    public string RunId { get; }

    /// <summary>The step budget.</summary>
    public int MaxIterations { get; }

    /// <summary>The address of the silo that holds the episode now.</summary>
    public string Silo { get; private set; } = "";

    /// <summary>How many times the episode was resumed on another silo.</summary>
    public int Resumes { get; private set; }

    /// <summary>The chat so far: the system prompt, the instruction, and each answer with its feedback.</summary>
    public IReadOnlyList<ChatMessage> Messages => _messages;

    /// <summary>Every recorded step.</summary>
    public IReadOnlyList<StepRecord> Steps => _steps;

    /// <summary>Runs the next step with the policy's answer on the episode's worker and returns its record.</summary>
    /// <param name="modelOutput">The policy's answer (Bolt markup).</param>
    /// <param name="cancellationToken">Cancels the step on the worker; it is not recorded.</param>
    /// <exception cref="InvalidOperationException">The step failed on the worker, another step is running, or the episode was lost and could not be resumed.</exception>
    public async Task<StepRecord> StepAsync(string modelOutput, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modelOutput);
        var before = _steps.Count;
        var losses = 0;
        while (true)
        {
            var begin = await WebGenCluster.CallAsync(() => _grain.BeginStepAsync(modelOutput, before), cancellationToken).ConfigureAwait(false);
            if (begin.Error is null && begin.Value == EnvironmentStepStatus.Busy)
            {
                throw new InvalidOperationException($"Episode '{RunId}' is already running a step.");
            }

            if (begin.Error is null && begin.Value == EnvironmentStepStatus.Running)
            {
                var (record, lost) = await PollAsync(before, cancellationToken).ConfigureAwait(false);
                if (record is not null)
                {
                    return record;
                }

                await RecoverAsync(lost!, ++losses, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await RecoverAsync(begin.Error?.Message ?? "its silo no longer holds it", ++losses, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Ends a done episode on its worker: select-best and the result are checkpointed.</summary>
    /// <param name="stopReason">Why the episode ended.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async Task CompleteAsync(WebGenStopReason stopReason, CancellationToken cancellationToken = default)
    {
        var call = await WebGenCluster.CallAsync(async () => { await _grain.CompleteAsync(stopReason).ConfigureAwait(false); return true; }, cancellationToken).ConfigureAwait(false);
        if (call.Error is not null)
        {
            await RecoverAsync(call.Error.Message, 1, cancellationToken).ConfigureAwait(false);
            await _grain.CompleteAsync(stopReason).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Disposes the episode's sandbox and browser session on its worker and frees its slot; its checkpoints stay.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await _grain.DisposeAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The worker is gone (and its episode with it) or does not answer; Orleans' idle collection frees it otherwise.
            Log.EpisodeLost(_environment.Logger, RunId, Silo, "could not dispose: " + ex.Message);
        }
    }

    private async Task<(StepRecord? Record, string? Lost)> PollAsync(int before, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var poll = await WebGenCluster.CallAsync(() => _grain.PollStepAsync(before, _environment.Options.PollWait), cancellationToken).ConfigureAwait(false);
                if (poll.Error is not null || poll.Value!.Status == EnvironmentStepStatus.NotRunning || poll.Value.Activation != _activation)
                {
                    return (null, poll.Error?.Message ?? "its silo no longer holds it");
                }

                switch (poll.Value.Status)
                {
                    case EnvironmentStepStatus.Running:
                        continue;
                    case EnvironmentStepStatus.Recorded:
                        var record = JsonSerializer.Deserialize<StepRecord>(poll.Value.Step!, ClusterJson.Options)!;
                        _steps = [.. _steps.Take(before), record];
                        _messages = ToChat(poll.Value.Messages);
                        return (record, null);
                    default:
                        throw new InvalidOperationException($"Step {before + 1} of episode '{RunId}' failed on silo {Silo}: {poll.Value.Error}");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _grain.CancelStepAsync().WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Log.EpisodeLost(_environment.Logger, RunId, Silo, "could not cancel its step: " + ex.Message);
            }

            throw;
        }
    }

    private async Task RecoverAsync(string reason, int losses, CancellationToken cancellationToken)
    {
        Log.EpisodeLost(_environment.Logger, RunId, Silo, reason);
        if (losses > _environment.Options.MaxPlacementAttempts)
        {
            throw new InvalidOperationException($"Episode '{RunId}' was lost with silo {Silo} and could not be kept on a worker after {_environment.Options.MaxPlacementAttempts} attempts; last: {reason}.");
        }

        try
        {
            Adopt(await _environment.ResumeAsync(RunId, _grain, cancellationToken).ConfigureAwait(false));
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"Episode '{RunId}' was lost with silo {Silo} ({reason}) and could not be resumed: {ex.Message}", ex);
        }

        Resumes++;
    }

    private void Adopt(EnvironmentEpisodeView view)
    {
        _activation = view.Activation;
        Silo = view.Silo;
        _steps = [.. view.Steps.Select(s => JsonSerializer.Deserialize<StepRecord>(s, ClusterJson.Options)!)];
        _messages = ToChat(view.Messages);
    }

    private static IReadOnlyList<ChatMessage> ToChat(IReadOnlyList<EnvironmentChatMessage> messages) =>
        [.. messages.Select(m => new ChatMessage(new ChatRole(m.Role), m.Text))];
}
