using System.Globalization;

namespace WebGen.Training;

/// <summary>
/// "Naive" GRPO: one reward per trajectory, the best step reward of an inner adapter, given to every step.
/// </summary>
/// <remarks>
/// Every step but the best one carries <see cref="StepReward.InheritedFromStep"/> pointing at the best step, so
/// <see cref="GroupAdvantages"/> counts one reward per trajectory: the step-level normalisation becomes the reference's
/// trajectory-level normalisation (mean and standard deviation of the trajectories' best rewards). Ties go to the earliest step.
/// </remarks>
public sealed class NaiveGrpoRewardAdapter : IStepRewardAdapter
{
    private readonly IStepRewardAdapter inner;

    /// <summary>Creates the adapter.</summary>
    /// <param name="inner">The step rewards to take the best of; the reference Step-GRPO reward when null.</param>
    public NaiveGrpoRewardAdapter(IStepRewardAdapter? inner = null)
    {
        this.inner = inner ?? StepGrpoRewardAdapter.Reference;
    }

    /// <inheritdoc />
    public IReadOnlyList<StepReward> ComputeRewards(IReadOnlyList<StepRecord> trajectory)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var rewards = StepRewardChecks.Checked(inner.ComputeRewards(trajectory), trajectory, inner);
        if (rewards.Count == 0)
        {
            return rewards;
        }

        var best = rewards[0];
        foreach (var reward in rewards)
        {
            if (reward.Value > best.Value)
            {
                best = reward;
            }
        }

        var result = new StepReward[rewards.Count];
        for (var i = 0; i < rewards.Count; i++)
        {
            var own = rewards[i];
            result[i] = own.Step == best.Step
                ? own with { InheritedFromStep = null, Reason = "trajectory best: " + own.Reason }
                : own with
                {
                    Value = best.Value,
                    InheritedFromStep = best.Step,
                    Reason = string.Create(CultureInfo.InvariantCulture, $"trajectory best is step {best.Step}; own step: {own.Reason}"),
                };
        }

        return result;
    }

    /// <inheritdoc />
    public override string ToString() => $"naive-grpo({inner})";
}
