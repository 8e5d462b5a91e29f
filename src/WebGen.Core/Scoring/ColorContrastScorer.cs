using Microsoft.Extensions.Options;

namespace WebGen;

/// <summary>
/// Scores text contrast from the accessibility audit's <c>color-contrast</c> rule (WCAG AA: 4.5:1 for
/// normal text, 3:1 for large text). Low contrast is the usual way a generated page looks fine to a
/// VLM and is unreadable to people; it lowers the score but is not fatal.
/// </summary>
public sealed class ColorContrastScorer : PreCheckScorer
{
    /// <summary>The score name.</summary>
    public const string Name = "color-contrast";

    /// <summary>The axe-core rule id read by this scorer.</summary>
    public const string RuleId = "color-contrast";

    /// <summary>Creates the scorer.</summary>
    /// <param name="options">Limits of the listed elements; defaults when null.</param>
    public ColorContrastScorer(IOptions<ScreenshotPreCheckOptions>? options = null)
        : base(options)
    {
    }

    /// <inheritdoc />
    private protected override ScreenshotScore ScoreCore(PageCapture capture)
    {
        if (capture.AccessibilityViolations is not { } violations)
        {
            return ScreenshotScore.Pass(Name, "Not measured: no accessibility audit ran.");
        }

        var contrast = violations.FirstOrDefault(v => string.Equals(v.RuleId, RuleId, StringComparison.Ordinal));
        if (contrast is null)
        {
            return ScreenshotScore.Pass(Name, "All text checked has sufficient colour contrast (WCAG AA).");
        }

        var count = Math.Max(contrast.NodeCount, 1);

        // One low-contrast element costs 0.2, four halve the score; many never quite reach 0.
        var value = 1.0 / (1.0 + (0.25 * count));
        var targets = contrast.Targets.Count > 0
            ? " Offending elements: " + PreCheckText.List(contrast.Targets, Options.MaxListedItems, 200) + "."
            : "";
        return new ScreenshotScore
        {
            Name = Name,
            Value = Math.Round(value, 3),
            Reason = $"{PreCheckText.Plural(count, "element has", "elements have")} text whose colour contrast with its background is below WCAG AA (4.5:1 for normal text, 3:1 for large text), so it is hard to read.{targets}",
        };
    }
}
