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

    /// <summary>
    /// The step whose reward this step shares, or null when the value is this step's own.
    /// A <c>screenshot_validated</c> or <c>finish</c> turn inherits the reward of the code step it follows;
    /// group advantages count a shared reward once, as the reference merges such turns into the code step's segment.
    /// </summary>
    public int? InheritedFromStep { get; init; }
}
