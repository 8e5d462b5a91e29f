using System.Globalization;
using Microsoft.Extensions.Options;

namespace WebGen;

/// <summary>
/// Scores the accessibility audit (axe-core rules other than colour contrast, which
/// <see cref="ColorContrastScorer"/> scores): each violated rule costs by its impact. Never fatal.
/// </summary>
public sealed class AccessibilityScorer : PreCheckScorer
{
    /// <summary>The score name.</summary>
    public const string Name = "accessibility";

    /// <summary>Creates the scorer.</summary>
    /// <param name="options">Limits of the listed rules; defaults when null.</param>
    public AccessibilityScorer(IOptions<ScreenshotPreCheckOptions>? options = null)
        : base(options)
    {
    }

    /// <inheritdoc />
    private protected override ScreenshotScore ScoreCore(PageCapture capture)
    {
        if (capture.AccessibilityViolations is not { } all)
        {
            return ScreenshotScore.Pass(Name, "Not measured: no accessibility audit ran.");
        }

        var violations = all
            .Where(v => !string.Equals(v.RuleId, ColorContrastScorer.RuleId, StringComparison.Ordinal))
            .OrderByDescending(v => Cost(v.Impact))
            .ToList();
        if (violations.Count == 0)
        {
            return ScreenshotScore.Pass(Name, "The accessibility audit found no violations besides any contrast issues scored separately.");
        }

        var value = Math.Max(0, 1.0 - violations.Sum(v => Cost(v.Impact)));
        var listed = violations.Take(Options.MaxListedItems).Select(v => string.Create(
            CultureInfo.InvariantCulture,
            $"{v.RuleId} ({(v.Impact.Length > 0 ? v.Impact : "unknown impact")}, {PreCheckText.Plural(Math.Max(v.NodeCount, 1), "element", "elements")}: {PreCheckText.Quote(v.Description, 160)})"));
        var more = violations.Count > Options.MaxListedItems ? $"; and {violations.Count - Options.MaxListedItems} more" : "";
        return new ScreenshotScore
        {
            Name = Name,
            Value = Math.Round(value, 3),
            Reason = $"The accessibility audit found {PreCheckText.Plural(violations.Count, "violated rule", "violated rules")}: {string.Join("; ", listed)}{more}.",
        };
    }

    private static double Cost(string impact) => impact switch
    {
        "critical" => 0.2,
        "serious" => 0.12,
        "moderate" => 0.06,
        _ => 0.02,
    };
}
