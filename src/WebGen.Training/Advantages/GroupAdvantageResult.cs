namespace WebGen.Training;

/// <summary>The advantages of a group of trajectories and the statistics that normalised them.</summary>
public sealed record class GroupAdvantageResult
{
    /// <summary>One advantage per step, per trajectory, shaped like the input.</summary>
    public required IReadOnlyList<IReadOnlyList<double>> Advantages { get; init; }

    /// <summary>The mean and standard deviation of the group's distinct rewards (shared rewards counted once).</summary>
    public required RewardStatistics Statistics { get; init; }

    /// <summary>How many steps the group has (shared rewards included).</summary>
    public int StepCount { get; init; }
}
