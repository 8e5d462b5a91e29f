using System.Buffers;

namespace WebGen.Training;

/// <summary>
/// Step-GRPO group advantages: every step reward of a group of trajectories sampled for the same prompt is normalised
/// by the mean and standard deviation of all step rewards in the group.
/// </summary>
/// <remarks>
/// <para>For the group's rewards <c>r₁ … rₙ</c> (all steps of all trajectories):</para>
/// <code>
/// μ = (1/n) Σ rᵢ                      (μ = 0 when n &lt; 2)
/// σ = √( Σ (rᵢ − μ)² / (n − 1) )      (sample standard deviation; σ = 1 when n &lt; 2; σ = 0 exactly when all rᵢ are equal)
/// Âᵢ = (rᵢ − μ) / (σ + ε),  ε = 1e-6
/// </code>
/// <para>The step-level advantage of a step is its <c>Âᵢ</c>. The cumulative variant uses <c>Σ Âⱼ</c> over the steps
/// <c>j</c> from that step to the end of its trajectory. All-equal rewards therefore give advantages of exactly 0, and a
/// single reward <c>r</c> gives <c>r / (1 + ε)</c>.</para>
/// <para>A reward shared with another step (<see cref="StepReward.InheritedFromStep"/>: validate and finish turns) is one
/// sample: it is counted once in <c>μ</c> and <c>σ</c> and in cumulative sums, and the inheriting step takes the advantage
/// of the step it inherits from, as the reference merges those turns into the code step's token segment.</para>
/// <para>The span overloads allocate nothing; <see cref="Compute"/> allocates only its result.</para>
/// </remarks>
public static class GroupAdvantages
{
    /// <summary>The ε added to the standard deviation (reference 1e-6).</summary>
    public const double Epsilon = 1e-6;

    /// <summary>Computes the mean and sample standard deviation of <paramref name="rewards"/> under the reference conventions.</summary>
    /// <param name="rewards">All step rewards of the group.</param>
    /// <exception cref="ArgumentException">A reward is NaN or infinite.</exception>
    public static RewardStatistics ComputeStatistics(ReadOnlySpan<double> rewards)
    {
        var sum = 0.0;
        var allEqual = true;
        for (var i = 0; i < rewards.Length; i++)
        {
            if (!double.IsFinite(rewards[i]))
            {
                throw new ArgumentException($"Reward {i} is {rewards[i]}; rewards must be finite.", nameof(rewards));
            }

            sum += rewards[i];
            allEqual &= rewards[i] == rewards[0];
        }

        if (rewards.Length < 2)
        {
            return new RewardStatistics { Count = rewards.Length, Mean = 0, StandardDeviation = 1 };
        }

        if (allEqual)
        {
            return new RewardStatistics { Count = rewards.Length, Mean = rewards[0], StandardDeviation = 0 };
        }

        var mean = sum / rewards.Length;
        var squares = 0.0;
        foreach (var reward in rewards)
        {
            var d = reward - mean;
            squares += d * d;
        }

        return new RewardStatistics { Count = rewards.Length, Mean = mean, StandardDeviation = Math.Sqrt(squares / (rewards.Length - 1)) };
    }

    /// <summary>Writes the step-level advantage <c>(rᵢ − μ) / (σ + ε)</c> of every reward of one group.</summary>
    /// <param name="rewards">All step rewards of the group.</param>
    /// <param name="advantages">Receives one advantage per reward; same length as <paramref name="rewards"/>.</param>
    public static RewardStatistics Normalize(ReadOnlySpan<double> rewards, Span<double> advantages)
    {
        var statistics = ComputeStatistics(rewards);
        Normalize(rewards, statistics, advantages);
        return statistics;
    }

    /// <summary>Writes <c>(rᵢ − μ) / (σ + ε)</c> for given statistics.</summary>
    /// <param name="rewards">The rewards.</param>
    /// <param name="statistics">The group statistics.</param>
    /// <param name="advantages">Receives one advantage per reward; may be the same memory as <paramref name="rewards"/>.</param>
    public static void Normalize(ReadOnlySpan<double> rewards, RewardStatistics statistics, Span<double> advantages)
    {
        if (advantages.Length != rewards.Length)
        {
            throw new ArgumentException($"advantages has {advantages.Length} elements for {rewards.Length} rewards; pass one element per reward.", nameof(advantages));
        }

        var denominator = statistics.Denominator;
        for (var i = 0; i < rewards.Length; i++)
        {
            advantages[i] = (rewards[i] - statistics.Mean) / denominator;
        }
    }

    /// <summary>
    /// Writes the cumulative advantage of every reward: the sum of the normalised rewards from that step to the end of its trajectory.
    /// </summary>
    /// <param name="rewards">All step rewards of the group, trajectory after trajectory, each in step order.</param>
    /// <param name="trajectoryLengths">How many rewards each trajectory has, in the order of <paramref name="rewards"/>; they must add up to its length.</param>
    /// <param name="advantages">Receives one advantage per reward.</param>
    public static RewardStatistics NormalizeCumulative(ReadOnlySpan<double> rewards, ReadOnlySpan<int> trajectoryLengths, Span<double> advantages)
    {
        var total = 0L;
        foreach (var length in trajectoryLengths)
        {
            if (length < 0)
            {
                throw new ArgumentException("Trajectory lengths must not be negative.", nameof(trajectoryLengths));
            }

            total += length;
        }

        if (total != rewards.Length)
        {
            throw new ArgumentException($"The trajectory lengths add up to {total} but there are {rewards.Length} rewards.", nameof(trajectoryLengths));
        }

        var statistics = Normalize(rewards, advantages);
        var end = rewards.Length;
        for (var t = trajectoryLengths.Length - 1; t >= 0; t--)
        {
            var start = end - trajectoryLengths[t];
            var running = 0.0;
            for (var i = end - 1; i >= start; i--)
            {
                running += advantages[i];
                advantages[i] = running;
            }

            end = start;
        }

        return statistics;
    }

    /// <summary>
    /// Computes the advantage of every step of a group of trajectories from their <see cref="StepReward"/>s, counting shared
    /// rewards (<see cref="StepReward.InheritedFromStep"/>) once.
    /// </summary>
    /// <param name="group">The rewards of each trajectory of the group, each in step order.</param>
    /// <param name="estimator">Step-level or cumulative advantages.</param>
    /// <returns>The advantages, shaped like <paramref name="group"/>, and the group statistics.</returns>
    /// <exception cref="ArgumentException">A reward is null or not finite, or inherits from a step that has no reward of its own in the same trajectory, or differs from it.</exception>
    public static GroupAdvantageResult Compute(IReadOnlyList<IReadOnlyList<StepReward>> group, AdvantageEstimator estimator = AdvantageEstimator.StepLevel)
    {
        ArgumentNullException.ThrowIfNull(group);
        var sources = new int[group.Count][];
        var sampleCount = 0;
        var stepCount = 0;
        for (var t = 0; t < group.Count; t++)
        {
            var rewards = group[t] ?? throw new ArgumentException($"Trajectory {t} has no reward list.", nameof(group));
            sources[t] = ResolveSources(rewards, t);
            stepCount += rewards.Count;
            for (var i = 0; i < rewards.Count; i++)
            {
                sampleCount += sources[t][i] == i ? 1 : 0;
            }
        }

        var samples = ArrayPool<double>.Shared.Rent(sampleCount);
        var lengths = ArrayPool<int>.Shared.Rent(group.Count);
        try
        {
            var n = 0;
            for (var t = 0; t < group.Count; t++)
            {
                var before = n;
                for (var i = 0; i < group[t].Count; i++)
                {
                    if (sources[t][i] == i)
                    {
                        samples[n++] = group[t][i].Value;
                    }
                }

                lengths[t] = n - before;
            }

            var sampleSpan = samples.AsSpan(0, sampleCount);
            var statistics = estimator == AdvantageEstimator.Cumulative
                ? NormalizeCumulative(sampleSpan, lengths.AsSpan(0, group.Count), sampleSpan)
                : Normalize(sampleSpan, sampleSpan);

            var result = new double[group.Count][];
            n = 0;
            for (var t = 0; t < group.Count; t++)
            {
                var count = group[t].Count;
                var advantages = new double[count];
                for (var i = 0; i < count; i++)
                {
                    if (sources[t][i] == i)
                    {
                        advantages[i] = samples[n++];
                    }
                }

                for (var i = 0; i < count; i++)
                {
                    if (sources[t][i] != i)
                    {
                        advantages[i] = advantages[sources[t][i]];
                    }
                }

                result[t] = advantages;
            }

            return new GroupAdvantageResult { Advantages = result, Statistics = statistics, StepCount = stepCount };
        }
        finally
        {
            ArrayPool<double>.Shared.Return(samples);
            ArrayPool<int>.Shared.Return(lengths);
        }
    }

    private static int[] ResolveSources(IReadOnlyList<StepReward> group, int trajectory)
    {
        var sources = new int[group.Count];
        Dictionary<int, int>? indexByStep = null;
        for (var i = 0; i < group.Count; i++)
        {
            var reward = group[i] ?? throw new ArgumentException($"Trajectory {trajectory} has a null reward at index {i}.", nameof(group));
            if (!double.IsFinite(reward.Value))
            {
                throw new ArgumentException($"Trajectory {trajectory}, step {reward.Step}: reward {reward.Value} is not finite.", nameof(group));
            }

            sources[i] = i;
            if (reward.InheritedFromStep is null)
            {
                continue;
            }

            indexByStep ??= group.Select((r, index) => (r.Step, index)).GroupBy(p => p.Step).ToDictionary(g => g.Key, g => g.First().index);
            if (!indexByStep.TryGetValue(reward.InheritedFromStep.Value, out var source)
                || source == i
                || group[source].InheritedFromStep is not null)
            {
                throw new ArgumentException(
                    $"Trajectory {trajectory}, step {reward.Step} inherits from step {reward.InheritedFromStep}, which is not a step with a reward of its own in the same trajectory.",
                    nameof(group));
            }

            if (group[source].Value != reward.Value)
            {
                throw new ArgumentException(
                    $"Trajectory {trajectory}, step {reward.Step} inherits from step {reward.InheritedFromStep} but its value {reward.Value} differs from {group[source].Value}.",
                    nameof(group));
            }

            sources[i] = source;
        }

        return sources;
    }
}
