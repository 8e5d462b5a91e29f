using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace WebGen.Training.Server;

/// <summary>The request handlers of the native endpoints (<c>/episodes</c>, <c>/rewards</c>).</summary>
internal sealed class EpisodeEndpoints(EpisodeOperations operations)
{
    public async Task<IResult> CreateAsync(HttpContext context)
    {
        var (body, problem) = await RequestBody.ReadAsync<CreateEpisodeRequest>(context).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var (episode, failure) = await operations.StartAsync(body!.Instruction, body.TaskId, body.MaxSteps, body.Id, EpisodeFieldNames.Native, context.RequestAborted).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure.ToResult(context);
        }

        context.Response.Headers.Location = $"{context.Request.PathBase}{context.Request.Path.Value?.TrimEnd('/')}/{Uri.EscapeDataString(episode!.Id)}";
        return Json(new EpisodeCreatedResponse { Id = episode.Id, Observation = episode.Snapshot.Messages, MaxSteps = episode.MaxSteps }, StatusCodes.Status201Created);
    }

    public async Task<IResult> StepAsync(HttpContext context, string id)
    {
        if (operations.Registry.Find(id) is not { } episode)
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

        var (outcome, failure) = await operations.StepAsync(episode, body.Output, context.RequestAborted).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure.ToResult(context);
        }

        var node = outcome!.Record.Node;
        return Json(new StepResponse
        {
            Observation = outcome.Feedback,
            Step = new StepInfo { Number = node.Step, Kind = node.Kind },
            Scores = StepScores.From(node),
            Reward = StepRewardInfo.From(outcome.Rewards[^1]),
            Rewards = [.. outcome.Rewards.Select(r => r.Value)],
            Done = outcome.StopReason is not null,
            StopReason = outcome.StopReason,
        });
    }

    public IResult Get(string id)
    {
        if (operations.Registry.Find(id) is not { } episode)
        {
            return Problems.EpisodeNotFound(id);
        }

        episode.Touch(operations.Registry.Time.GetUtcNow());
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
        await operations.Registry.RemoveAsync(id, "deleted by the client").ConfigureAwait(false)
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
}
