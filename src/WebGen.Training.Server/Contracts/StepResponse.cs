namespace WebGen.Training.Server;

/// <summary>The answer to <c>POST /episodes/{id}/step</c>.</summary>
public sealed record class StepResponse
{
    /// <summary>The feedback for the policy: the next user message. Empty after a <c>finish</c> step, which gets no feedback.</summary>
    public required string Observation { get; init; }

    /// <summary>The step that ran.</summary>
    public required StepInfo Step { get; init; }

    /// <summary>Its grades.</summary>
    public required StepScores Scores { get; init; }

    /// <summary>The reward of this step.</summary>
    public required StepRewardInfo Reward { get; init; }

    /// <summary>
    /// The rewards of every step so far, in order, recomputed after this step: a validation credits its GUI grade to the
    /// code step it tested, so that step's reward rises after the fact.
    /// </summary>
    public required IReadOnlyList<double> Rewards { get; init; }

    /// <summary>True when the episode ended: the policy finished, or the step budget is used up.</summary>
    public required bool Done { get; init; }

    /// <summary>Why the episode ended (<c>finished</c> or <c>max_iterations</c>); null while it goes on.</summary>
    public WebGenStopReason? StopReason { get; init; }
}
