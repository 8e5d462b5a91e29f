using System.Globalization;

namespace WebGen;

/// <summary>
/// The reference ranking of WebGen-Agent: candidates are steps with a screenshot grade of 3 or more and
/// no error (all steps when none qualifies); the best has the highest GUI grade, then the highest
/// screenshot grade, then is the latest.
/// </summary>
public sealed class ReferenceStepSelector : IStepSelector
{
    /// <summary>The screenshot grade a step needs to be a valid candidate (reference: 3).</summary>
    public const int MinimumValidScreenshotGrade = 3;

    /// <summary>Whether a node is a valid candidate under the reference rule.</summary>
    /// <param name="node">The node.</param>
    public static bool IsValid(StepNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.ScreenshotGrade >= MinimumValidScreenshotGrade && !node.HasError;
    }

    /// <inheritdoc />
    public StepSelection? SelectBest(IReadOnlyList<StepNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count == 0)
        {
            return null;
        }

        StepNode? best = null;
        var anyValid = nodes.Any(IsValid);
        foreach (var node in nodes)
        {
            if (anyValid && !IsValid(node))
            {
                continue;
            }

            if (best is null || Compare(node, best) > 0)
            {
                best = node;
            }
        }

        var reason = string.Format(
            CultureInfo.InvariantCulture,
            "step {0}: GUI grade {1}, screenshot grade {2}{3}",
            best!.Step,
            best.GuiGrade,
            best.ScreenshotGrade,
            anyValid ? ", best of the steps with screenshot grade ≥ 3 and no error" : ", no step had screenshot grade ≥ 3 and no error, so all steps were ranked");
        return new StepSelection { Node = best, IsValid = anyValid, Reason = reason };
    }

    private static int Compare(StepNode a, StepNode b)
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
