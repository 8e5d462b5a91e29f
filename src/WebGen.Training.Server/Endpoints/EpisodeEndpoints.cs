using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace WebGen.Training.Server;

/// <summary>The request handlers of the environment server.</summary>
internal sealed class EpisodeEndpoints(EpisodeRegistry registry, IStepRewardAdapter rewardAdapter, IServiceProvider services, ILogger<EpisodeEndpoints> logger)
{
    /// <summary>The largest step budget an episode may ask for (the agent's own limit).</summary>
    public const int MaxStepsLimit = 1000;

    private const int MaxIdLength = 100;

    // Records and observations come redacted from the episode; error messages built here pass through the same redactor.
    private string Redact(string text) => services.GetRequiredService<WebGenEnvironment>().SecretRedactor.Redact(text);

    public async Task<IResult> CreateAsync(HttpContext context)
    {
        var (body, problem) = await RequestBody.ReadAsync<CreateEpisodeRequest>(context).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var invalid = Validate(body!);
        if (invalid is not null)
        {
            return invalid;
        }

        if (registry.IsClosed)
        {
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, "Server stopping", "The environment server is stopping and takes no new episodes.");
        }

        var id = body!.Id;
        if (id is not null && !registry.TryReserveId(id))
        {
            return Problems.Create(StatusCodes.Status409Conflict, "Episode exists", $"An episode with id '{id}' is already open; choose another id or delete it first.");
        }

        try
        {
            if (!registry.TryReserveSlot())
            {
                Log.EpisodeLimitReached(logger, registry.Options.MaxConcurrentEpisodes);
                var retryAfter = (int)Math.Ceiling(registry.Options.RetryAfter.TotalSeconds);
                context.Response.Headers[HeaderNames.RetryAfter] = retryAfter.ToString(CultureInfo.InvariantCulture);
                return Problems.Create(
                    StatusCodes.Status429TooManyRequests,
                    "Too many episodes",
                    $"{registry.Options.MaxConcurrentEpisodes} episodes are open, the limit (EnvironmentServerOptions.MaxConcurrentEpisodes). Delete finished ones with DELETE /episodes/{{id}} or retry after {retryAfter} s.");
            }

            return await StartAsync(context, body, id).ConfigureAwait(false);
        }
        finally
        {
            if (id is not null)
            {
                registry.ReleaseId(id);
            }
        }
    }

    public async Task<IResult> StepAsync(HttpContext context, string id)
    {
        if (registry.Find(id) is not { } episode)
        {
            return Problems.EpisodeNotFound(id);
        }

        var (body, problem) = await RequestBody.ReadAsync<StepRequest>(context).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Output is null)
        {
            return Problems.Invalid("The step request has no output.", "output", "Send the policy's answer as \"output\" (a string; an empty answer is a malformed step).");
        }

        if (!episode.Gate.Wait(0))
        {
            return episode.Lifetime.IsCancellationRequested
                ? Problems.EpisodeNotFound(id)
                : Problems.Create(StatusCodes.Status409Conflict, "Step in progress", $"Episode '{id}' is already running a step; an episode takes one step at a time. Send the next step after this one's response.");
        }

        try
        {
            return await RunStepAsync(context, episode, body.Output).ConfigureAwait(false);
        }
        finally
        {
            episode.Gate.Release();
        }
    }

    public IResult Get(string id)
    {
        if (registry.Find(id) is not { } episode)
        {
            return Problems.EpisodeNotFound(id);
        }

        episode.Touch(registry.Time.GetUtcNow());
        var snapshot = episode.Snapshot;
        var state = snapshot.StopReason is not null ? EpisodeState.Done : episode.IsStepping ? EpisodeState.Stepping : EpisodeState.Ready;
        return Json(new EpisodeStatusResponse
        {
            Id = episode.Id,
            Status = state,
            Steps = snapshot.Steps,
            MaxSteps = episode.MaxSteps,
            Done = snapshot.StopReason is not null,
            StopReason = snapshot.StopReason,
            Rewards = [.. snapshot.Rewards.Select(StepRewardInfo.From)],
            Messages = snapshot.Messages,
        });
    }

    public async Task<IResult> DeleteAsync(string id) =>
        await registry.RemoveAsync(id, "deleted by the client").ConfigureAwait(false)
            ? Results.NoContent()
            : Problems.EpisodeNotFound(id);

    public static IResult ComputeAdvantages(GroupAdvantagesRequest request)
    {
        if (request.Rewards is null)
        {
            return Problems.Invalid("The request has no rewards.", "rewards", "Send \"rewards\": one array of step rewards per trajectory of the group.");
        }

        var inherited = request.InheritedFromSteps;
        if (inherited is not null && inherited.Count != request.Rewards.Count)
        {
            return Problems.Invalid(
                $"inheritedFromSteps has {inherited.Count} trajectories but rewards has {request.Rewards.Count}.",
                "inheritedFromSteps",
                "Give one array per trajectory, shaped like rewards.");
        }

        var group = new List<IReadOnlyList<StepReward>>(request.Rewards.Count);
        for (var t = 0; t < request.Rewards.Count; t++)
        {
            var rewards = request.Rewards[t];
            if (rewards is null)
            {
                return Problems.Invalid($"rewards[{t}] is null.", "rewards", "Every trajectory needs an array of step rewards (it may be empty).");
            }

            var sources = inherited?[t];
            if (inherited is not null && sources?.Count != rewards.Count)
            {
                return Problems.Invalid(
                    $"inheritedFromSteps[{t}] has {sources?.Count.ToString(CultureInfo.InvariantCulture) ?? "no"} entries but rewards[{t}] has {rewards.Count}.",
                    "inheritedFromSteps",
                    "Give one entry (a step number or null) per reward.");
            }

            group.Add([.. rewards.Select((value, i) => new StepReward { Step = i + 1, Value = value, Reason = "", InheritedFromStep = sources?[i] })]);
        }

        GroupAdvantageResult result;
        try
        {
            result = GroupAdvantages.Compute(group, request.Cumulative ? AdvantageEstimator.Cumulative : AdvantageEstimator.StepLevel);
        }
        catch (ArgumentException ex)
        {
            return Problems.Invalid("The rewards cannot be normalised: " + ex.Message, "rewards", ex.Message);
        }

        return Json(new GroupAdvantagesResponse
        {
            Advantages = result.Advantages,
            Mean = result.Statistics.Mean,
            StandardDeviation = result.Statistics.StandardDeviation,
            Count = result.Statistics.Count,
        });
    }

    public static async Task<IResult> GroupAdvantagesAsync(HttpContext context)
    {
        var (body, problem) = await RequestBody.ReadAsync<GroupAdvantagesRequest>(context).ConfigureAwait(false);
        return problem ?? ComputeAdvantages(body!);
    }

    private static IResult Json<T>(T value, int status = StatusCodes.Status200OK) => Results.Json(value, ServerJson.Options, statusCode: status);

    private static IResult? Validate(CreateEpisodeRequest body)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Instruction))
        {
            errors["instruction"] = ["The instruction is empty; describe the website to build."];
        }

        if (body.MaxSteps is < 1 or > MaxStepsLimit)
        {
            errors["maxSteps"] = [$"maxSteps must be between 1 and {MaxStepsLimit} (got {body.MaxSteps})."];
        }

        if (body.Id is { } id && (id.Length is 0 or > MaxIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            errors["id"] = [$"The id '{id}' is invalid: use 1–{MaxIdLength} letters, digits, '-' or '_'."];
        }

        return errors.Count == 0
            ? null
            : Results.ValidationProblem(errors, detail: "The episode request is invalid: " + string.Join(" ", errors.Values.SelectMany(e => e)), title: "Invalid request");
    }

    private async Task<IResult> StartAsync(HttpContext context, CreateEpisodeRequest body, string? id)
    {
        var maxSteps = body.MaxSteps ?? registry.Options.DefaultMaxSteps;
        WebGenEpisode started;
        try
        {
            var environment = services.GetRequiredService<WebGenEnvironment>();
            started = await environment.StartEpisodeAsync(new WebGenRequest { Instruction = body.Instruction!, RunId = id, MaxIterations = maxSteps }, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            registry.ReleaseSlot();
            Log.StartFailed(logger, id ?? "(new)", ex);
            return ex switch
            {
                ArgumentException => Problems.Create(StatusCodes.Status400BadRequest, "Invalid request", ex.Message),
                InvalidOperationException when id is not null => Problems.Create(StatusCodes.Status409Conflict, "Episode exists", ex.Message),
                _ => Problems.Create(StatusCodes.Status500InternalServerError, "Episode could not start", Redact($"The environment could not start the episode: {ex.GetType().Name}: {ex.Message}")),
            };
        }
        catch
        {
            registry.ReleaseSlot();
            throw;
        }

        var episode = new HostedEpisode(started, registry.Time.GetUtcNow());
        if (!registry.TryAdd(episode))
        {
            var closing = registry.IsClosed;
            await registry.ReleaseResourcesAsync(episode).ConfigureAwait(false);
            return closing
                ? Problems.Create(StatusCodes.Status503ServiceUnavailable, "Server stopping", "The environment server is stopping and takes no new episodes.")
                : Problems.Create(StatusCodes.Status409Conflict, "Episode exists", $"An episode with id '{episode.Id}' is already open; retry without an id or with another one.");
        }

        Log.EpisodeStarted(logger, episode.Id, maxSteps);
        context.Response.Headers.Location = $"{context.Request.PathBase}{context.Request.Path.Value?.TrimEnd('/')}/{Uri.EscapeDataString(episode.Id)}";
        return Json(new EpisodeCreatedResponse { Id = episode.Id, Observation = episode.Snapshot.Messages, MaxSteps = episode.MaxSteps }, StatusCodes.Status201Created);
    }

    private async Task<IResult> RunStepAsync(HttpContext context, HostedEpisode episode, string output)
    {
        var id = episode.Id;
        if (episode.Lifetime.IsCancellationRequested)
        {
            return Problems.EpisodeNotFound(id);
        }

        if (episode.Snapshot.StopReason is { } ended)
        {
            return Problems.Create(
                StatusCodes.Status409Conflict,
                "Episode is done",
                $"Episode '{id}' is done ({JsonNamingPolicy.SnakeCaseLower.ConvertName(ended.ToString())} after {episode.Snapshot.Steps} steps) and takes no more steps; start a new episode.");
        }

        episode.Touch(registry.Time.GetUtcNow());
        StepRecord record;
        using (var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, episode.Lifetime.Token))
        {
            try
            {
                record = await episode.Episode.StepAsync(output, usage: null, cancellation.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (episode.Lifetime.IsCancellationRequested)
            {
                return Problems.Create(StatusCodes.Status409Conflict, "Episode removed", $"Episode '{id}' was deleted, expired or the server stopped while this step ran; the step was discarded.");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.StepFailed(logger, id, ex);
                return Problems.Create(StatusCodes.Status500InternalServerError, "Step failed", Redact($"The environment failed to run the step: {ex.GetType().Name}: {ex.Message}"));
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
            return Problems.Create(
                StatusCodes.Status500InternalServerError,
                "Reward failed",
                Redact($"Step {record.Node.Step} ran (GET /episodes/{id} has its feedback) but the reward adapter failed: {ex.GetType().Name}: {ex.Message}"));
        }

        episode.Snapshot = new EpisodeSnapshot { Steps = steps.Count, Rewards = rewards, Messages = messages, StopReason = stop };
        var reward = rewards[^1];
        Log.StepServed(logger, id, record.Node.Step, record.Node.Kind, reward.Value, stop is not null);
        var node = record.Node;
        return Json(new StepResponse
        {
            Observation = node.Kind == StepKind.Finish ? "" : record.Feedback,
            Step = new StepInfo { Number = node.Step, Kind = node.Kind },
            Scores = new StepScores { ScreenshotGrade = node.ScreenshotGrade, GuiGrade = node.GuiGrade, HasError = node.HasError, Errors = node.Errors, Scorers = node.Scores },
            Reward = StepRewardInfo.From(reward),
            Rewards = [.. rewards.Select(r => r.Value)],
            Done = stop is not null,
            StopReason = stop,
        });
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
