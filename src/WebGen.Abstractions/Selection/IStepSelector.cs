namespace WebGen;

/// <summary>
/// Chooses the best step: at the end of a run (select-best) and when backtracking.
/// The default reproduces the reference ranking.
/// </summary>
public interface IStepSelector
{
    /// <summary>Selects the best of <paramref name="nodes"/>; null when the list is empty.</summary>
    /// <param name="nodes">Every node of the run so far, in step order.</param>
    StepSelection? SelectBest(IReadOnlyList<StepNode> nodes);
}
