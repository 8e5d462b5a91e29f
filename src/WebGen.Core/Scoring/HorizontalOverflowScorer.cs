using System.Globalization;
using Microsoft.Extensions.Options;

namespace WebGen;

/// <summary>
/// Detects content wider than the viewport (a horizontal scrollbar): the most common layout bug of
/// generated pages, and one a VLM easily misses in a viewport screenshot.
/// </summary>
public sealed class HorizontalOverflowScorer : IScreenshotScorer
{
    /// <summary>The score name.</summary>
    public const string Name = "horizontal-overflow";

    private readonly ScreenshotPreCheckOptions _options;

    /// <summary>Creates the scorer.</summary>
    /// <param name="options">The tolerated overflow; defaults when null.</param>
    public HorizontalOverflowScorer(IOptions<ScreenshotPreCheckOptions>? options = null)
    {
        _options = ScreenshotPreCheckOptions.Validated(options?.Value);
    }

    /// <inheritdoc />
    public ValueTask<ScreenshotScore> ScoreAsync(ScreenshotScoringContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(Score(context.Capture));
    }

    /// <summary>Scores a capture; a pure function of its measured widths.</summary>
    /// <param name="capture">The capture.</param>
    public ScreenshotScore Score(PageCapture capture)
    {
        ArgumentNullException.ThrowIfNull(capture);
        if (capture.DocumentScrollWidth is not { } width || capture.ViewportWidth <= 0)
        {
            return ScreenshotScore.Pass(Name, "Not measured: the capture has no document width.");
        }

        var overflow = width - capture.ViewportWidth;
        if (overflow <= _options.OverflowTolerancePixels)
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
