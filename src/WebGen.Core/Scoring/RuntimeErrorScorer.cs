using Microsoft.Extensions.Options;

namespace WebGen;

/// <summary>
/// Reads the errors the browser observed: a failed load, an HTTP error, the dev server's error overlay
/// or an uncaught page error are fatal (the site is broken, a VLM grade adds nothing); console errors and
/// failed requests lower the score without being fatal.
/// </summary>
public sealed class RuntimeErrorScorer : PreCheckScorer
{
    /// <summary>The score name.</summary>
    public const string Name = "runtime-errors";

    /// <summary>Creates the scorer.</summary>
    /// <param name="options">Limits of the quoted text; defaults when null.</param>
    public RuntimeErrorScorer(IOptions<ScreenshotPreCheckOptions>? options = null)
        : base(options)
    {
    }

    /// <inheritdoc />
    private protected override ScreenshotScore ScoreCore(PageCapture capture)
    {
        var max = Options.MaxListedItems;
        var chars = Options.MaxQuotedChars;
        if (capture.Failure is not null)
        {
            return ScreenshotScore.Fatal(Name, "The page could not be captured: " + PreCheckText.Quote(capture.Failure, chars));
        }

        if (capture.HttpStatus is >= 400 and var status)
        {
            return ScreenshotScore.Fatal(Name, $"The page answered HTTP {status}; the server did not deliver the app.");
        }

        if (!string.IsNullOrWhiteSpace(capture.ErrorOverlayText))
        {
            return ScreenshotScore.Fatal(Name, "The dev server shows an error overlay instead of the app: " + PreCheckText.Quote(capture.ErrorOverlayText, chars));
        }

        if (capture.PageErrors.Count > 0)
        {
            return ScreenshotScore.Fatal(
                Name,
                $"The page threw {PreCheckText.Plural(capture.PageErrors.Count, "uncaught error", "uncaught errors")}: "
                    + PreCheckText.List(capture.PageErrors, max, chars));
        }

        var problems = new List<string>();
        if (capture.ConsoleErrors.Count > 0)
        {
            problems.Add($"the console shows {PreCheckText.Plural(capture.ConsoleErrors.Count, "error", "errors")}: {PreCheckText.List(capture.ConsoleErrors, max, chars)}");
        }

        if (capture.FailedRequests.Count > 0)
        {
            problems.Add($"{PreCheckText.Plural(capture.FailedRequests.Count, "request", "requests")} to the site failed: {PreCheckText.List(capture.FailedRequests, max, chars)}");
        }

        if (problems.Count > 0)
        {
            return new ScreenshotScore { Name = Name, Value = 0.5, Reason = "The page rendered, but " + string.Join("; and ", problems) + "." };
        }

        return ScreenshotScore.Pass(Name, "No error overlay, uncaught errors, console errors or failed requests were observed.");
    }
}
