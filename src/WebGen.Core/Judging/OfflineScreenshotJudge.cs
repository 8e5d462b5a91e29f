using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace WebGen;

/// <summary>
/// The offline stand-in for the VLM judge, used when no vision model is configured. It does not look at
/// the design: its grade is derived only from the deterministic pre-checks and what the browser observed
/// (0 blank, 1 broken, otherwise 2–4 by how many checks passed; never 5, which needs a judgement of
/// appearance), and its description is the page's title and visible text. Treat its grades as a
/// smoke signal, not as a substitute for a VLM's.
/// </summary>
public sealed class OfflineScreenshotJudge : IScreenshotJudge
{
    private const int MaxDescribedChars = 400;
    private readonly IReadOnlyList<IScreenshotScorer> _fallbackScorers;

    /// <summary>Creates the offline judge.</summary>
    /// <param name="options">Thresholds of the pre-checks it runs itself when a request carries none.</param>
    public OfflineScreenshotJudge(IOptions<ScreenshotPreCheckOptions>? options = null)
    {
        _fallbackScorers = ScreenshotPreChecks.CreateDefault(options?.Value);
    }

    /// <inheritdoc />
    public async Task<ScreenshotJudgement> JudgeAsync(ScreenshotJudgeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var capture = request.Capture;
        if (!capture.Succeeded)
        {
            return new ScreenshotJudgement
            {
                IsError = true,
                ErrorMessage = capture.Failure,
                Failure = "No screenshot to judge" + (capture.Failure is null ? "." : ": " + capture.Failure),
            };
        }

        var scores = request.PreCheckScores;
        if (scores.Count == 0)
        {
            var context = new ScreenshotScoringContext { Capture = capture, Instruction = request.Instruction };
            var computed = new List<ScreenshotScore>(_fallbackScorers.Count);
            foreach (var scorer in _fallbackScorers)
            {
                computed.Add(await scorer.ScoreAsync(context, cancellationToken).ConfigureAwait(false));
            }

            scores = computed;
        }

        var description = Describe(capture);
        var findings = scores.Where(s => s.Value < 1).ToList();
        var suggestions = string.Join("\n", findings.Select(s => "- " + s.Reason));
        var fatal = findings.FirstOrDefault(s => s.IsFatal);
        if (fatal is not null)
        {
            var blank = string.Equals(fatal.Name, BlankPageScorer.Name, StringComparison.Ordinal);
            return new ScreenshotJudgement
            {
                IsError = true,
                ErrorMessage = fatal.Reason,
                Description = description,
                Suggestions = suggestions,
                Grade = blank ? 0 : 1,
                GradeReason = $"Offline grade (no vision model): the {fatal.Name} check failed: {fatal.Reason}",
            };
        }

        // 2 + twice the mean pre-check value: a clean page gets 4, a page failing every check 2.
        var mean = scores.Count == 0 ? 1 : scores.Average(s => Math.Clamp(s.Value, 0, 1));
        var grade = (int)Math.Round(2 + (2 * mean), MidpointRounding.AwayFromZero);
        var reason = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"Offline grade (no vision model; appearance was not judged, so 4 is the maximum): {scores.Count(s => s.Value >= 1)} of {scores.Count} deterministic checks passed."));
        foreach (var finding in findings)
        {
            reason.Append(CultureInfo.InvariantCulture, $" {finding.Name} ({finding.Value:0.##}): {finding.Reason}");
        }

        return new ScreenshotJudgement
        {
            Description = description,
            Suggestions = suggestions,
            Grade = grade,
            GradeReason = reason.ToString(),
        };
    }

    private static string Describe(PageCapture capture)
    {
        var text = new StringBuilder("Offline description (no vision model). ");
        if (!string.IsNullOrWhiteSpace(capture.Title))
        {
            text.Append("Title: \"").Append(capture.Title.Trim()).Append("\". ");
        }

        var visible = capture.VisibleText?.Trim().ReplaceLineEndings(" ");
        if (string.IsNullOrEmpty(visible))
        {
            text.Append("The page shows no text.");
        }
        else
        {
            text.Append("Visible text: \"")
                .Append(visible.Length > MaxDescribedChars ? string.Concat(visible.AsSpan(0, MaxDescribedChars), "…") : visible)
                .Append("\".");
        }

        return text.ToString();
    }
}
