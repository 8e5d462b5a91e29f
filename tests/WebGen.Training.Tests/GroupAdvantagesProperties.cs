using FsCheck;
using FsCheck.Fluent;

namespace WebGen.Training.Tests;

#pragma warning disable NUnit1027 // FsCheck generates the arguments of property tests.

public sealed class GroupAdvantagesProperties
{
    // Rewards in quarter steps from −1 to 10, the range of Step-GRPO rewards and their composites.
    private static double[] Rewards(int[] raw) => [.. raw.Select(x => (Math.Abs(x % 45) / 4.0) - 1)];

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public Property Advantages_have_mean_zero_when_the_standard_deviation_is_positive(int[] raw)
    {
        var rewards = Rewards(raw);
        var advantages = new double[rewards.Length];
        var statistics = GroupAdvantages.Normalize(rewards, advantages);
        var applies = rewards.Length >= 2 && statistics.StandardDeviation > 0;
        return (!applies || Math.Abs(advantages.Average()) < 1e-9).When(applies).Label($"rewards [{string.Join(", ", rewards)}]");
    }

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public Property Advantages_have_sample_standard_deviation_just_below_one(int[] raw)
    {
        var rewards = Rewards(raw);
        var advantages = new double[rewards.Length];
        var statistics = GroupAdvantages.Normalize(rewards, advantages);
        var applies = rewards.Length >= 2 && statistics.StandardDeviation > 0;
        var check = GroupAdvantages.ComputeStatistics(advantages).StandardDeviation;
        var expected = statistics.StandardDeviation / (statistics.StandardDeviation + GroupAdvantages.Epsilon);
        return (Math.Abs(check - expected) < 1e-9).When(applies);
    }

    [FsCheck.NUnit.Property(MaxTest = 200)]
    public bool Shared_rewards_do_not_change_the_statistics(int[] raw)
    {
        // Giving every trajectory step a validate turn that inherits its reward must leave μ and σ unchanged.
        var rewards = Rewards(raw);
        IReadOnlyList<StepReward> plain = [.. rewards.Select((r, i) => new StepReward { Step = i + 1, Value = r, Reason = "own" })];
        IReadOnlyList<StepReward> withShared =
        [
            .. rewards.SelectMany((r, i) => new[]
            {
                new StepReward { Step = (2 * i) + 1, Value = r, Reason = "own" },
                new StepReward { Step = (2 * i) + 2, Value = r, Reason = "inherited", InheritedFromStep = (2 * i) + 1 },
            }),
        ];

        var a = GroupAdvantages.Compute([plain]);
        var b = GroupAdvantages.Compute([withShared]);
        return a.Statistics == b.Statistics
            && b.Advantages[0].Select((x, i) => x == a.Advantages[0][i / 2]).All(ok => ok);
    }
}
