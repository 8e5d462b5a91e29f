namespace WebGen.Training.Server;

/// <summary>The answer to <c>GET /episodes/{id}</c>.</summary>
public sealed record class EpisodeStatusResponse
{
    /// <summary>The episode id.</summary>
    public required string Id { get; init; }

    /// <summary><c>ready</c>, <c>stepping</c> or <c>done</c>.</summary>
    public required EpisodeState Status { get; init; }

    /// <summary>Steps taken.</summary>
    public required int Steps { get; init; }

    /// <summary>The step budget.</summary>
    public required int MaxSteps { get; init; }

    /// <summary>True when the episode ended.</summary>
    public required bool Done { get; init; }

    /// <summary>Why it ended; null while it goes on.</summary>
    public WebGenStopReason? StopReason { get; init; }

    /// <summary>The reward of every step, in order, as of the last completed step.</summary>
    public required IReadOnlyList<StepRewardInfo> Rewards { get; init; }

    /// <summary>The chat so far (prompt, then each answer and its feedback).</summary>
    public required IReadOnlyList<ObservationMessage> Messages { get; init; }
}
