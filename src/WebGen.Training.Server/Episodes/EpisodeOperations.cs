using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace WebGen.Training.Server;

/// <summary>
/// Starting and stepping hosted episodes, shared by every transport (the native endpoints, OpenEnv's HTTP routes and its
/// WebSocket session): the episode limit, reserved ids, rewards, completion and the release of sandboxes live here once.
/// </summary>
internal sealed class EpisodeOperations(EpisodeRegistry registry, IEpisodeHost host, BenchTasks benchTasks, IStepRewardAdapter rewardAdapter, ILogger<EpisodeOperations> logger)
{
    /// <summary>The largest step budget an episode may ask for (the agent's own limit).</summary>
    public const int MaxStepsLimit = 1000;

    private const int MaxIdLength = 100;

    public EpisodeRegistry Registry => registry;

    /// <summary>Records and observations come redacted from the episode; error messages built here pass through the same redactor.</summary>
    public string Redact(string text) => host.Redactor.Redact(text);

    /// <summary>
    /// Validates the request, takes a slot and starts the episode; the failure says why not. The task is the
    /// <paramref name="instruction"/> or the WebGen-Bench task named by <paramref name="taskId"/>, not both.
    /// </summary>
    public async Task<(HostedEpisode? Episode, EpisodeFailure? Failure)> StartAsync(
        string? instruction, string? taskId, int? maxSteps, string? id, EpisodeFieldNames names, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (taskId is not null)
        {
            if (instruction is not null)
            {
                return (null, Invalid(names.TaskId, $"Give either the {names.Instruction} or the WebGen-Bench {names.TaskId}, not both."));
            }

            var (task, range) = await benchTasks.FindAsync(taskId, cancellationToken).ConfigureAwait(false);
            if (task is null)
            {
                return (null, Invalid(names.TaskId, $"No WebGen-Bench task has id '{taskId}': the bundled test set has ids {range}."));
            }

            instruction = task.Instruction;
            labels[BenchTasks.TaskLabel] = task.Id;
        }

        if (Validate(instruction, maxSteps, id, names) is { } invalid)
        {
            return (null, invalid);
        }

        if (registry.IsClosed)
        {
            return (null, Stopping());
        }

        if (id is not null && !registry.TryReserveId(id))
        {
            return (null, EpisodeFailure.Create(StatusCodes.Status409Conflict, "Episode exists", $"An episode with id '{id}' is already open; choose another id or delete it first."));
        }

        try
        {
            if (!registry.TryReserveSlot())
            {
                Log.EpisodeLimitReached(logger, registry.Options.MaxConcurrentEpisodes);
                return (null, TooMany($"{registry.Options.MaxConcurrentEpisodes} episodes are open, the limit (EnvironmentServerOptions.MaxConcurrentEpisodes)."));
            }

            return await StartInSlotAsync(new WebGenRequest { Instruction = instruction!, RunId = id, MaxIterations = maxSteps ?? registry.Options.DefaultMaxSteps, Labels = labels }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (id is not null)
            {
                registry.ReleaseId(id);
            }
        }
    }

    /// <summary>
    /// Runs one step of the episode (one at a time: a second concurrent step is refused), rewards it and, when the episode
    /// is done, completes it and releases its sandbox and browser session.
    /// </summary>
    public async Task<(StepOutcome? Outcome, EpisodeFailure? Failure)> StepAsync(HostedEpisode episode, string output, CancellationToken cancellationToken)
    {
        if (!episode.Gate.Wait(0, CancellationToken.None))
        {
            return (null, episode.Lifetime.IsCancellationRequested
                ? EpisodeFailure.NotFound(episode.Id)
                : EpisodeFailure.Create(StatusCodes.Status409Conflict, "Step in progress", $"Episode '{episode.Id}' is already running a step; an episode takes one step at a time. Send the next step after this one's response."));
        }

        try
        {
            return await RunStepAsync(episode, output, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            episode.Gate.Release();
        }
    }

    private EpisodeFailure TooMany(string why)
    {
        var retryAfter = (int)Math.Ceiling(registry.Options.RetryAfter.TotalSeconds);
        return EpisodeFailure.Create(
            StatusCodes.Status429TooManyRequests,
            "Too many episodes",
            $"{why} Delete finished ones with DELETE /episodes/{{id}} or retry after {retryAfter} s.")
            with { RetryAfterSeconds = retryAfter };
    }

    private static EpisodeFailure Stopping() =>
        EpisodeFailure.Create(StatusCodes.Status503ServiceUnavailable, "Server stopping", "The environment server is stopping and takes no new episodes.");

    private static EpisodeFailure Invalid(string field, string message) => new()
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "Invalid request",
        Detail = "The episode request is invalid: " + message,
        Errors = new Dictionary<string, string[]> { [field] = [message] },
    };

    private static EpisodeFailure? Validate(string? instruction, int? maxSteps, string? id, EpisodeFieldNames names)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(instruction))
        {
            errors[names.Instruction] = [$"The {names.Instruction} is empty; describe the website to build, or name a WebGen-Bench task with {names.TaskId}."];
        }

        if (maxSteps is < 1 or > MaxStepsLimit)
        {
            errors[names.MaxSteps] = [$"{names.MaxSteps} must be between 1 and {MaxStepsLimit} (got {maxSteps})."];
        }

        if (id is not null && (id.Length is 0 or > MaxIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            errors[names.Id] = [$"The {names.Id} '{id}' is invalid: use 1–{MaxIdLength} letters, digits, '-' or '_'."];
        }

        return errors.Count == 0
            ? null
            : new EpisodeFailure
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Invalid request",
                Detail = "The episode request is invalid: " + string.Join(" ", errors.Values.SelectMany(e => e)),
                Errors = errors,
            };
    }

    private async Task<(HostedEpisode? Episode, EpisodeFailure? Failure)> StartInSlotAsync(WebGenRequest request, CancellationToken cancellationToken)
    {
        IServedEpisode? started;
        try
        {
            started = await host.StartAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            registry.ReleaseSlot();
            Log.StartFailed(logger, request.RunId ?? "(new)", ex);
            return (null, ex switch
            {
                ArgumentException => EpisodeFailure.Create(StatusCodes.Status400BadRequest, "Invalid request", ex.Message),
                InvalidOperationException when request.RunId is not null => EpisodeFailure.Create(StatusCodes.Status409Conflict, "Episode exists", ex.Message),
                _ => EpisodeFailure.Create(StatusCodes.Status500InternalServerError, "Episode could not start", Redact($"The environment could not start the episode: {ex.GetType().Name}: {ex.Message}")),
            });
        }
        catch
        {
            registry.ReleaseSlot();
            throw;
        }

        if (started is null)
        {
            registry.ReleaseSlot();
            Log.HostFull(logger);
            return (null, TooMany("Every slot of the cluster's workers holds an episode."));
        }

        var episode = new HostedEpisode(started, registry.Time.GetUtcNow());
        if (!registry.TryAdd(episode))
        {
            var closing = registry.IsClosed;
            await registry.ReleaseResourcesAsync(episode).ConfigureAwait(false);
            return (null, closing
                ? Stopping()
                : EpisodeFailure.Create(StatusCodes.Status409Conflict, "Episode exists", $"An episode with id '{episode.Id}' is already open; retry without an id or with another one."));
        }

        Log.EpisodeStarted(logger, episode.Id, episode.MaxSteps);
        return (episode, null);
    }

    private async Task<(StepOutcome? Outcome, EpisodeFailure? Failure)> RunStepAsync(HostedEpisode episode, string output, CancellationToken cancellationToken)
    {
        var id = episode.Id;
        if (episode.Lifetime.IsCancellationRequested)
        {
            return (null, EpisodeFailure.NotFound(id));
        }

        if (episode.Snapshot.StopReason is { } ended)
        {
            return (null, EpisodeFailure.Create(
                StatusCodes.Status409Conflict,
                "Episode is done",
                $"Episode '{id}' is done ({JsonNamingPolicy.SnakeCaseLower.ConvertName(ended.ToString())} after {episode.Snapshot.Steps} steps) and takes no more steps; start a new episode."));
        }

        episode.Touch(registry.Time.GetUtcNow());
        StepRecord record;
        using (var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, episode.Lifetime.Token))
        {
            try
            {
                record = await episode.Episode.StepAsync(output, cancellation.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (episode.Lifetime.IsCancellationRequested)
            {
                return (null, EpisodeFailure.Create(StatusCodes.Status409Conflict, "Episode removed", $"Episode '{id}' was deleted, expired or the server stopped while this step ran; the step was discarded."));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.StepFailed(logger, id, ex);
                return (null, EpisodeFailure.Create(StatusCodes.Status500InternalServerError, "Step failed", Redact($"The environment failed to run the step: {ex.GetType().Name}: {ex.Message}")));
            }
        }

        var steps = episode.Episode.Steps;
        WebGenStopReason? stop = record.Node.Kind == StepKind.Finish ? WebGenStopReason.Finished
            : steps.Count >= episode.MaxSteps ? WebGenStopReason.MaxIterations
            : null;
        var messages = Observations.From(episode.Episode.Messages);
        if (stop is { } reason)
        {
            await CompleteAsync(episode, reason).ConfigureAwait(false);
        }

        episode.Touch(registry.Time.GetUtcNow());
        IReadOnlyList<StepReward> rewards;
        try
        {
            rewards = rewardAdapter.ComputeRewards(steps);
            if (rewards.Count != steps.Count)
            {
                throw new InvalidOperationException($"{rewardAdapter.GetType().Name} returned {rewards.Count} rewards for {steps.Count} steps.");
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.RewardFailed(logger, id, ex);
            episode.Snapshot = new EpisodeSnapshot { Steps = steps.Count, Rewards = [], Messages = messages, StopReason = stop };
            return (null, EpisodeFailure.Create(
                StatusCodes.Status500InternalServerError,
                "Reward failed",
                Redact($"Step {record.Node.Step} ran (GET /episodes/{id} has its feedback) but the reward adapter failed: {ex.GetType().Name}: {ex.Message}")));
        }

        episode.Snapshot = new EpisodeSnapshot { Steps = steps.Count, Rewards = rewards, Messages = messages, StopReason = stop };
        Log.StepServed(logger, id, record.Node.Step, record.Node.Kind, rewards[^1].Value, stop is not null);
        return (new StepOutcome { Record = record, Rewards = rewards, StopReason = stop }, null);
    }

    /// <summary>Ends a done episode: select-best and the result are checkpointed, and its sandbox and browser session released at once.</summary>
    private async Task CompleteAsync(HostedEpisode episode, WebGenStopReason reason)
    {
        try
        {
            await episode.Episode.CompleteAsync(reason, episode.Lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.CompleteFailed(logger, episode.Id, ex);
        }

        await registry.ReleaseResourcesAsync(episode).ConfigureAwait(false);
    }
}
