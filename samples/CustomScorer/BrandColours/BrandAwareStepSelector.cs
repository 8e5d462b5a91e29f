using System.Globalization;

namespace WebGen.Samples.BrandColours;

/// <summary>
/// Select-best and backtracking that weigh the brand-colour score with the reference grades.
/// </summary>
/// <remarks>
/// The rule:
/// <list type="number">
/// <item>Candidates are the reference's: steps with screenshot grade 3 or more and no error, or every step when none qualifies
/// (then the selection is not a valid restore point, as in the reference).</item>
/// <item>Each candidate's value is <c>GuiGrade + ScreenshotGrade + BrandWeight × brand</c>, where <c>brand</c> is the
/// step's <see cref="BrandColourScorer.ScoreName"/> score (0–1; 0 when the step has none). With the default weight 2,
/// having every brand colour is worth two grade points.</item>
/// <item>The highest value wins; ties go to the reference ranking (higher GUI grade, then higher screenshot grade, then the later step).</item>
/// </list>
/// Validate and finish steps carry their code step's scores, so they compete with the same brand score.
/// </remarks>
public sealed class BrandAwareStepSelector : IStepSelector
{
    private const double Tolerance = 1e-9;
    private readonly ReferenceStepSelector _reference = new();

    /// <summary>Creates the selector.</summary>
    /// <param name="brandWeight">Grade points that a full brand score is worth; 0 reproduces a sum of the grades.</param>
    /// <param name="scoreName">The score to weigh; <see cref="BrandColourScorer.ScoreName"/> by default.</param>
    public BrandAwareStepSelector(double brandWeight = 2, string scoreName = BrandColourScorer.ScoreName)
    {
        if (!double.IsFinite(brandWeight) || brandWeight < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(brandWeight), brandWeight, "The brand weight must be a finite number of grade points, 0 or more.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(scoreName);
        BrandWeight = brandWeight;
        ScoreName = scoreName;
    }

    /// <summary>Grade points that a full brand score is worth.</summary>
    public double BrandWeight { get; }

    /// <summary>The score that is weighed.</summary>
    public string ScoreName { get; }

    /// <summary>The step's brand score, 0 when it has none.</summary>
    public double BrandScore(StepNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Scores.FirstOrDefault(s => string.Equals(s.Name, ScoreName, StringComparison.OrdinalIgnoreCase))?.Value ?? 0;
    }

    /// <summary>The value the selector ranks by: <c>GuiGrade + ScreenshotGrade + BrandWeight × brand</c>.</summary>
    public double Value(StepNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.GuiGrade + node.ScreenshotGrade + (BrandWeight * BrandScore(node));
    }

    /// <inheritdoc />
    public StepSelection? SelectBest(IReadOnlyList<StepNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count == 0)
        {
            return null;
        }

        var anyValid = nodes.Any(ReferenceStepSelector.IsValid);
        StepNode? best = null;
        var bestValue = double.MinValue;
        foreach (var node in nodes)
        {
            if (anyValid && !ReferenceStepSelector.IsValid(node))
            {
                continue;
            }

            var value = Value(node);
            if (best is null || value > bestValue + Tolerance || (Math.Abs(value - bestValue) <= Tolerance && ReferenceOrder(node, best) > 0))
            {
                best = node;
                bestValue = value;
            }
        }

        var referenceChoice = _reference.SelectBest(nodes)!.Node.Step;
        var reason = string.Create(
            CultureInfo.InvariantCulture,
            $"step {best!.Step}: GUI {best.GuiGrade} + screenshot {best.ScreenshotGrade} + {BrandWeight:0.##} × brand {BrandScore(best):0.00} = {bestValue:0.00}, ")
            + (anyValid ? "the best of the steps with screenshot grade ≥ 3 and no error" : "no step had screenshot grade ≥ 3 and no error, so all steps were ranked")
            + (referenceChoice == best.Step ? "; the reference ranking agrees" : string.Create(CultureInfo.InvariantCulture, $"; the reference ranking alone would choose step {referenceChoice}"));
        return new StepSelection { Node = best, IsValid = anyValid, Reason = reason };
    }

    private static int ReferenceOrder(StepNode a, StepNode b)
    {
        var c = a.GuiGrade.CompareTo(b.GuiGrade);
        if (c != 0)
        {
            return c;
        }

        c = a.ScreenshotGrade.CompareTo(b.ScreenshotGrade);
        return c != 0 ? c : a.Step.CompareTo(b.Step);
    }
}
