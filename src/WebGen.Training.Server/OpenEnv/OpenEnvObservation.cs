namespace WebGen.Training.Server;

/// <summary>What the policy observes after a reset or a step: the messages to append to its chat, and the step's grades.</summary>
internal sealed record class OpenEnvObservation
{
    public required string EpisodeId { get; init; }

    /// <summary>
    /// The messages to append to the policy's chat: after a reset the system prompt and the instruction, after a step the
    /// feedback as one user message (none after a finish step).
    /// </summary>
    public required IReadOnlyList<ObservationMessage> Messages { get; init; }

    /// <summary>The step just run; null after a reset.</summary>
    public StepInfo? Step { get; init; }

    /// <summary>The step's grades; null after a reset.</summary>
    public StepScores? Scores { get; init; }

    /// <summary>How the step's reward was made; null after a reset.</summary>
    public StepRewardInfo? RewardInfo { get; init; }

    /// <summary>Every step's reward so far, recomputed after this step (a validation raises the code step it tested).</summary>
    public required IReadOnlyList<double> Rewards { get; init; }

    public required int MaxSteps { get; init; }

    /// <summary>Why the episode stopped, once it is done.</summary>
    public WebGenStopReason? StopReason { get; init; }
}
