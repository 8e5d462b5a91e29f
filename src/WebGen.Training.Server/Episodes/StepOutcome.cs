namespace WebGen.Training.Server;

/// <summary>A step that ran and was rewarded: its record, every step's reward so far, and why the episode stopped, if it did.</summary>
internal sealed record class StepOutcome
{
    public required StepRecord Record { get; init; }

    public required IReadOnlyList<StepReward> Rewards { get; init; }

    public WebGenStopReason? StopReason { get; init; }

    /// <summary>The feedback the policy sees next: empty after a finish step.</summary>
    public string Feedback => Record.Node.Kind == StepKind.Finish ? "" : Record.Feedback;
}
