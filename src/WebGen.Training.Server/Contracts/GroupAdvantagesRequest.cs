namespace WebGen.Training.Server;

/// <summary>The body of <c>POST /rewards/group-advantages</c>: the step rewards of one group of trajectories sampled for the same prompt.</summary>
public sealed record class GroupAdvantagesRequest
{
    /// <summary>One array per trajectory: its step rewards in step order. Required.</summary>
    public IReadOnlyList<IReadOnlyList<double>>? Rewards { get; init; }

    /// <summary>
    /// Optional, shaped like <see cref="Rewards"/>: for each step the step number (1-based, in its trajectory) whose reward
    /// it shares (<c>inheritedFromStep</c> of the step responses), or null. Shared rewards count once in the statistics and
    /// the inheriting step takes its source's advantage, as the reference does; without it every value is its own sample.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<int?>>? InheritedFromSteps { get; init; }

    /// <summary>True for cumulative advantages (the sum of normalised rewards from the step to the end); step-level when false.</summary>
    public bool Cumulative { get; init; }
}
