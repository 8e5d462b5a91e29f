using System.Globalization;
using Microsoft.Extensions.Options;

namespace WebGen;

/// <summary>
/// Detects content wider than the viewport (a horizontal scrollbar): the most common layout bug of
/// generated pages, and one a VLM easily misses in a viewport screenshot.
/// </summary>
public sealed class HorizontalOverflowScorer : PreCheckScorer
{
    /// <summary>The score name.</summary>
    public const string Name = "horizontal-overflow";

    /// <summary>Creates the scorer.</summary>
    /// <param name="options">The tolerated overflow; defaults when null.</param>
    public HorizontalOverflowScorer(IOptions<ScreenshotPreCheckOptions>? options = null)
        : base(options)
    {
    }

    /// <inheritdoc />
    private protected override ScreenshotScore ScoreCore(PageCapture capture)
    {
        if (capture.DocumentScrollWidth is not { } width || capture.ViewportWidth <= 0)
        {
            return ScreenshotScore.Pass(Name, "Not measured: the capture has no document width.");
        }

        var overflow = width - capture.ViewportWidth;
        if (overflow <= Options.OverflowTolerancePixels)
        {
            return ScreenshotScore.Pass(Name, string.Create(CultureInfo.InvariantCulture, $"The page fits the {capture.ViewportWidth} px viewport without horizontal scrolling."));
        }

        var value = Math.Clamp(1.0 - ((double)overflow / capture.ViewportWidth), 0, 1);
        return new ScreenshotScore
        {
            Name = Name,
            Value = Math.Round(value, 3),
            Reason = string.Create(
                CultureInfo.InvariantCulture,
                $"The document is {width} px wide in a {capture.ViewportWidth} px viewport: content overflows horizontally by {overflow} px, so users must scroll sideways. Constrain the element that is too wide (fixed widths, long unbroken text, negative margins, 100vw plus padding)."),
        };
    }
}
