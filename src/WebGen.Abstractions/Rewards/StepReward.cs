namespace WebGen;

/// <summary>The reward of one step, with its reason.</summary>
public sealed record class StepReward
{
    /// <summary>The step number.</summary>
    public required int Step { get; init; }

    /// <summary>The reward value.</summary>
    public required double Value { get; init; }

    /// <summary>True when the model output was malformed (reference reward −1).</summary>
    public bool IsMalformed { get; init; }

    /// <summary>How the value was made, for logs and training data.</summary>
    public required string Reason { get; init; }
}
