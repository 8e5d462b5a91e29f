namespace WebGen.Training.Server;

/// <summary>What status requests read about an episode, as of its last completed step.</summary>
internal sealed record class EpisodeSnapshot
{
    public required int Steps { get; init; }

    public required IReadOnlyList<StepReward> Rewards { get; init; }

    public required IReadOnlyList<ObservationMessage> Messages { get; init; }

    public WebGenStopReason? StopReason { get; init; }
}
