namespace WebGen.Training;

/// <summary>
/// An extra term added to step rewards by <see cref="CompositeStepRewardAdapter"/>: <c>Weight × Compute(context)</c>.
/// </summary>
public sealed record class StepRewardTerm
{
    /// <summary>A short name for the reward reason, for example <c>accessibility</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The multiplier of the term's value.</summary>
    public double Weight { get; init; } = 1;

    /// <summary>Computes the term's value for one step; must be finite.</summary>
    public required Func<StepRewardTermContext, double> Compute { get; init; }
}
