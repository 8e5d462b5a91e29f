namespace WebGen.Training;

/// <summary>The outcome of a rollout group: the scored trajectories and the episodes that failed.</summary>
public sealed record class RolloutGroup
{
    /// <summary>The prompt id.</summary>
    public required string PromptId { get; init; }

    /// <summary>The website request.</summary>
    public required string Instruction { get; init; }

    /// <summary>The trajectories of the episodes that completed, ordered by episode index.</summary>
    public IReadOnlyList<Trajectory> Trajectories { get; init; } = [];

    /// <summary>The episodes that failed (not part of the group statistics), ordered by episode index.</summary>
    public IReadOnlyList<EpisodeFailure> Failures { get; init; } = [];

    /// <summary>The mean and standard deviation that normalised the group's rewards.</summary>
    public RewardStatistics Statistics { get; init; }

    /// <summary>How the advantages were made.</summary>
    public AdvantageEstimator Estimator { get; init; }
}
