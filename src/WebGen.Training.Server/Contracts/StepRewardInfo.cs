namespace WebGen.Training.Server;

/// <summary>The reward of one step, from the configured <see cref="IStepRewardAdapter"/>.</summary>
public sealed record class StepRewardInfo
{
    /// <summary>The step number.</summary>
    public required int Step { get; init; }

    /// <summary>The reward.</summary>
    public required double Value { get; init; }

    /// <summary>True when the output was malformed (reference reward −1).</summary>
    public required bool Malformed { get; init; }

    /// <summary>How the value was made.</summary>
    public required string Reason { get; init; }

    /// <summary>The step whose reward this one shares (validate and finish turns inherit their code step's), or null.</summary>
    public int? InheritedFromStep { get; init; }

    internal static StepRewardInfo From(StepReward reward) => new()
    {
        Step = reward.Step,
        Value = reward.Value,
        Malformed = reward.IsMalformed,
        Reason = reward.Reason,
        InheritedFromStep = reward.InheritedFromStep,
    };
}
