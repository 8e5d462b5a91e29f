namespace WebGen;

/// <summary>Turns a trajectory's steps into Step-GRPO rewards.</summary>
public interface IStepRewardAdapter
{
    /// <summary>Computes one reward per step of <paramref name="trajectory"/>, in the same order.</summary>
    /// <param name="trajectory">The steps of one episode in the order they ran.</param>
    IReadOnlyList<StepReward> ComputeRewards(IReadOnlyList<StepRecord> trajectory);
}
