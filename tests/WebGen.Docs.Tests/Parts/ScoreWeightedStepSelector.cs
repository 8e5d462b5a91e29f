namespace WebGen.Docs.Tests;

// begin-snippet: custom-selector
/// <summary>
/// Select-best that also weighs one scorer's result: among the steps the reference rule accepts
/// (screenshot grade 3 or more, no error), the highest GUI grade + screenshot grade + weight × score wins,
/// the latest on a tie. With no acceptable step it defers to the reference selector.
/// </summary>
public sealed class ScoreWeightedStepSelector(string scoreName, double weight) : IStepSelector
{
    private readonly ReferenceStepSelector reference = new();

    public StepSelection? SelectBest(IReadOnlyList<StepNode> nodes)
    {
        var candidates = nodes.Where(ReferenceStepSelector.IsValid).ToList();
        if (candidates.Count == 0)
        {
            return reference.SelectBest(nodes);
        }

        var best = candidates.OrderBy(Weighted).ThenBy(n => n.Step).Last();
        return new StepSelection
        {
            Node = best,
            IsValid = true,
            Reason = FormattableString.Invariant($"step {best.Step}: GUI {best.GuiGrade} + screenshot {best.ScreenshotGrade} + {weight} × {scoreName} {Score(best):0.##}"),
        };
    }

    private double Weighted(StepNode node) => node.GuiGrade + node.ScreenshotGrade + (weight * Score(node));

    private double Score(StepNode node) =>
        node.Scores.FirstOrDefault(s => string.Equals(s.Name, scoreName, StringComparison.OrdinalIgnoreCase))?.Value ?? 0;
}
// end-snippet
