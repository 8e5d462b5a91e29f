namespace WebGen.Training;

/// <summary>An episode of a rollout group that produced no trajectory, and why.</summary>
public sealed record class EpisodeFailure
{
    /// <summary>The episode's index in the group.</summary>
    public required int Index { get; init; }

    /// <summary>The run id the episode was started with.</summary>
    public required string RunId { get; init; }

    /// <summary>What went wrong, for logs and reports.</summary>
    public required string Error { get; init; }

    /// <summary>The exception type name, when an exception was the cause.</summary>
    public string? ExceptionType { get; init; }

    /// <summary>True when the episode hit <see cref="RolloutOptions.EpisodeTimeout"/>.</summary>
    public bool TimedOut { get; init; }
}
