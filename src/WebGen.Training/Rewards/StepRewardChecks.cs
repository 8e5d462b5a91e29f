namespace WebGen.Training;

/// <summary>Checks what a (possibly user-written) reward adapter returned before it is used.</summary>
internal static class StepRewardChecks
{
    public static IReadOnlyList<StepReward> Checked(IReadOnlyList<StepReward>? rewards, IReadOnlyList<StepRecord> trajectory, IStepRewardAdapter adapter)
    {
        if (rewards is null)
        {
            throw new InvalidOperationException($"The reward adapter {adapter} returned null; return one reward per step.");
        }

        if (rewards.Count != trajectory.Count)
        {
            throw new InvalidOperationException($"The reward adapter {adapter} returned {rewards.Count} rewards for {trajectory.Count} steps; return one reward per step, in order.");
        }

        for (var i = 0; i < rewards.Count; i++)
        {
            var reward = rewards[i] ?? throw new InvalidOperationException($"The reward adapter {adapter} returned a null reward at index {i}.");
            if (reward.Step != trajectory[i].Node.Step)
            {
                throw new InvalidOperationException($"The reward adapter {adapter} returned the reward of step {reward.Step} at the position of step {trajectory[i].Node.Step}; return rewards in step order.");
            }

            if (!double.IsFinite(reward.Value))
            {
                throw new InvalidOperationException($"The reward adapter {adapter} returned a non-finite reward ({reward.Value}) for step {reward.Step}.");
            }
        }

        return rewards;
    }
}
