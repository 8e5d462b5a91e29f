namespace WebGen.Training;

/// <summary>A progress report of a rollout group.</summary>
public sealed record class RolloutProgress
{
    /// <summary>What happened.</summary>
    public required RolloutProgressKind Kind { get; init; }

    /// <summary>The prompt id.</summary>
    public required string PromptId { get; init; }

    /// <summary>The episode's index in the group.</summary>
    public required int EpisodeIndex { get; init; }

    /// <summary>The episode's run id.</summary>
    public required string RunId { get; init; }

    /// <summary>The completed step, for <see cref="RolloutProgressKind.StepCompleted"/>.</summary>
    public StepNode? Step { get; init; }

    /// <summary>Episodes completed so far, this one included.</summary>
    public int CompletedEpisodes { get; init; }

    /// <summary>Episodes failed so far, this one included.</summary>
    public int FailedEpisodes { get; init; }

    /// <summary>The group size.</summary>
    public int GroupSize { get; init; }

    /// <summary>The failure, for <see cref="RolloutProgressKind.EpisodeFailed"/>.</summary>
    public string? Error { get; init; }
}
