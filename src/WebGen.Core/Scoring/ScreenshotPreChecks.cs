using Microsoft.Extensions.Options;

namespace WebGen;

/// <summary>The deterministic pre-checks that run before the VLM judge, in their recommended order.</summary>
public static class ScreenshotPreChecks
{
    /// <summary>
    /// Creates runtime errors, blank page, horizontal overflow, colour contrast and accessibility scorers.
    /// The first two can be fatal (the judge is then skipped); the others only lower the score.
    /// </summary>
    /// <param name="options">Shared thresholds; defaults when null.</param>
    public static IReadOnlyList<IScreenshotScorer> CreateDefault(ScreenshotPreCheckOptions? options = null)
    {
        var wrapped = Options.Create(ScreenshotPreCheckOptions.Validated(options));
        return
        [
            new RuntimeErrorScorer(wrapped),
            new BlankPageScorer(wrapped),
            new HorizontalOverflowScorer(wrapped),
            new ColorContrastScorer(wrapped),
            new AccessibilityScorer(wrapped),
        ];
    }
}
