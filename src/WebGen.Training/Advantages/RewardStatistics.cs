namespace WebGen.Training;

/// <summary>The mean and standard deviation that normalise a group's step rewards.</summary>
public readonly record struct RewardStatistics
{
    /// <summary>How many rewards the statistics were computed from.</summary>
    public int Count { get; init; }

    /// <summary>The mean of the rewards; 0 for fewer than two rewards (the reference convention).</summary>
    public double Mean { get; init; }

    /// <summary>
    /// The sample standard deviation (divisor n − 1, as <c>torch.std</c> in the reference); 1 for fewer than two rewards,
    /// exactly 0 when all rewards are equal.
    /// </summary>
    public double StandardDeviation { get; init; }

    /// <summary>The divisor applied to centred rewards: <see cref="StandardDeviation"/> + <see cref="GroupAdvantages.Epsilon"/>.</summary>
    public double Denominator => StandardDeviation + GroupAdvantages.Epsilon;
}
