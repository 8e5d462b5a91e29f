namespace WebGen.Training.Server;

/// <summary>
/// The episode's state: OpenEnv's <c>State</c> (<c>episode_id</c>, <c>step_count</c>) with WebGen's extra fields. Before any
/// reset it is OpenEnv's empty state: no episode, no steps.
/// </summary>
internal sealed record class OpenEnvState
{
    public string? EpisodeId { get; init; }

    public required int StepCount { get; init; }

    public int? MaxSteps { get; init; }

    public required bool Done { get; init; }

    public WebGenStopReason? StopReason { get; init; }

    /// <summary>Every step's reward so far.</summary>
    public required IReadOnlyList<double> Rewards { get; init; }

    public static OpenEnvState Empty { get; } = new() { StepCount = 0, Done = false, Rewards = [] };

    public static OpenEnvState Of(HostedEpisode episode)
    {
        var snapshot = episode.Snapshot;
        return new()
        {
            EpisodeId = episode.Id,
            StepCount = snapshot.Steps,
            MaxSteps = episode.MaxSteps,
            Done = snapshot.StopReason is not null,
            StopReason = snapshot.StopReason,
            Rewards = [.. snapshot.Rewards.Select(r => r.Value)],
        };
    }
}
