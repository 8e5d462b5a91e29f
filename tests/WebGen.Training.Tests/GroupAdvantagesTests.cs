namespace WebGen.Training.Tests;

public sealed class GroupAdvantagesTests
{
    private const double Tolerance = 1e-12;

    [Test]
    public void Normalises_by_group_mean_and_sample_standard_deviation()
    {
        // μ = 2.5, σ = √(5/3) = 1.2909944487358056 (n − 1 divisor), Â = (r − μ) / (σ + 1e-6).
        double[] rewards = [1, 2, 3, 4];
        var advantages = new double[4];

        var statistics = GroupAdvantages.Normalize(rewards, advantages);

        Assert.That(statistics.Mean, Is.EqualTo(2.5).Within(Tolerance));
        Assert.That(statistics.StandardDeviation, Is.EqualTo(1.2909944487358056).Within(Tolerance));
        Assert.That(advantages, Is.EqualTo(new[] { -1.1618941038629222, -0.3872980346209741, 0.3872980346209741, 1.1618941038629222 }).Within(Tolerance));
    }

    [Test]
    public void All_equal_rewards_give_advantages_of_exactly_zero()
    {
        double[] rewards = [0.1, 0.1, 0.1, 0.1, 0.1];
        var advantages = new double[] { 9, 9, 9, 9, 9 };

        var statistics = GroupAdvantages.Normalize(rewards, advantages);

        Assert.That(statistics.StandardDeviation, Is.Zero);
        Assert.That(advantages, Is.All.EqualTo(0.0));
    }

    [Test]
    public void A_single_reward_uses_mean_zero_and_standard_deviation_one()
    {
        var advantages = new double[1];

        var statistics = GroupAdvantages.Normalize([3.0], advantages);

        Assert.That(statistics.Mean, Is.Zero);
        Assert.That(statistics.StandardDeviation, Is.EqualTo(1.0));
        Assert.That(advantages[0], Is.EqualTo(2.9999970000030003).Within(Tolerance));
    }

    [Test]
    public void Group_with_malformed_steps_counts_inherited_rewards_once()
    {
        // T1: code 4 + GUI 3 → 7, validate and finish inherit it (one sample).
        // T2: bad format −1, code 2.  T3: code 5 + GUI 4 credited from a malformed validate (−1, its own sample).
        // Samples 7, −1, 2, 9, −1: μ = 3.2, σ = √21.2 = 4.604345773288535.
        var group = Group(
            [Steps.Code(1, null, 4), Steps.Validate(2, 1, 3), Steps.Finish(3, 2)],
            [Steps.Bad(1, null), Steps.Code(2, 1, 2)],
            [Steps.Code(1, null, 5), Steps.Validate(2, 1, 4, output: Steps.Prose(380) + " ok then <boltAction type=\"screenshot_validated\"/>")]);

        var result = GroupAdvantages.Compute(group);

        Assert.That(Steps.Values(group[0]), Is.EqualTo(new[] { 7.0, 7, 7 }));
        Assert.That(Steps.Values(group[1]), Is.EqualTo(new[] { -1.0, 2 }));
        Assert.That(Steps.Values(group[2]), Is.EqualTo(new[] { 9.0, -1 }));
        Assert.That(result.Statistics.Count, Is.EqualTo(5));
        Assert.That(result.Statistics.Mean, Is.EqualTo(3.2).Within(Tolerance));
        Assert.That(result.Statistics.StandardDeviation, Is.EqualTo(4.604345773288535).Within(Tolerance));
        Assert.That(result.StepCount, Is.EqualTo(7));
        Assert.That(result.Advantages[0], Is.EqualTo(new[] { 0.8253070820045877, 0.8253070820045877, 0.8253070820045877 }).Within(Tolerance));
        Assert.That(result.Advantages[1], Is.EqualTo(new[] { -0.9121815116892812, -0.2606232890540804 }).Within(Tolerance));
        Assert.That(result.Advantages[2], Is.EqualTo(new[] { 1.2596792304280549, -0.9121815116892812 }).Within(Tolerance));
    }

    [Test]
    public void Cumulative_advantage_sums_normalised_rewards_to_the_end_of_the_trajectory()
    {
        var group = Group(
            [Steps.Code(1, null, 4), Steps.Validate(2, 1, 3), Steps.Finish(3, 2)],
            [Steps.Bad(1, null), Steps.Code(2, 1, 2)],
            [Steps.Code(1, null, 5), Steps.Validate(2, 1, 4, output: Steps.Prose(380) + " ok then <boltAction type=\"screenshot_validated\"/>")]);

        var result = GroupAdvantages.Compute(group, AdvantageEstimator.Cumulative);

        Assert.That(result.Advantages[0], Is.EqualTo(new[] { 0.8253070820045877, 0.8253070820045877, 0.8253070820045877 }).Within(Tolerance));
        Assert.That(result.Advantages[1], Is.EqualTo(new[] { -1.1728048007433616, -0.2606232890540804 }).Within(Tolerance));
        Assert.That(result.Advantages[2], Is.EqualTo(new[] { 0.34749771873877366, -0.9121815116892812 }).Within(Tolerance));
    }

    [Test]
    public void Flat_cumulative_api_splits_by_trajectory_lengths()
    {
        double[] rewards = [1, 2, 3, 4];
        var advantages = new double[4];

        GroupAdvantages.NormalizeCumulative(rewards, [3, 1], advantages);

        var z = new[] { -1.1618941038629222, -0.3872980346209741, 0.3872980346209741, 1.1618941038629222 };
        Assert.That(advantages, Is.EqualTo(new[] { z[0] + z[1] + z[2], z[1] + z[2], z[2], z[3] }).Within(Tolerance));
    }

    [Test]
    public void Non_finite_rewards_are_rejected_with_their_index()
    {
        var error = Assert.Throws<ArgumentException>(() => GroupAdvantages.ComputeStatistics([1.0, double.NaN]));
        Assert.That(error.Message, Does.Contain("Reward 1"));
    }

    [Test]
    public void Mismatched_lengths_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => GroupAdvantages.Normalize([1.0, 2.0], new double[1]));
        Assert.Throws<ArgumentException>(() => GroupAdvantages.NormalizeCumulative([1.0, 2.0], [1], new double[2]));
    }

    [Test]
    public void Inheriting_from_a_step_outside_the_trajectory_is_rejected()
    {
        IReadOnlyList<StepReward> rewards =
        [
            new StepReward { Step = 1, Value = 3, Reason = "code" },
            new StepReward { Step = 2, Value = 3, Reason = "validate", InheritedFromStep = 7 },
        ];

        var error = Assert.Throws<ArgumentException>(() => GroupAdvantages.Compute([rewards]));
        Assert.That(error.Message, Does.Contain("step 2 inherits from step 7"));
    }

    [Test]
    public void Inheriting_a_different_value_is_rejected()
    {
        IReadOnlyList<StepReward> rewards =
        [
            new StepReward { Step = 1, Value = 3, Reason = "code" },
            new StepReward { Step = 2, Value = 4, Reason = "validate", InheritedFromStep = 1 },
        ];

        Assert.Throws<ArgumentException>(() => GroupAdvantages.Compute([rewards]));
    }

    [Test]
    public void An_empty_group_has_no_advantages()
    {
        var result = GroupAdvantages.Compute([]);

        Assert.That(result.Advantages, Is.Empty);
        Assert.That(result.Statistics.Count, Is.Zero);
    }

    private static IReadOnlyList<StepReward>[] Group(params StepRecord[][] trajectories) =>
        [.. trajectories.Select(t => StepGrpoRewardAdapter.Reference.ComputeRewards(t))];
}
