namespace WebGen;

/// <summary>
/// Scores a captured page. Deterministic pre-checks (blank page, error overlay, overflow,
/// accessibility) and custom scorers (brand colours, performance) implement this. Scorers run
/// before the VLM judge; a fatal score skips the judge and marks the step as erroneous.
/// </summary>
public interface IScreenshotScorer
{
    /// <summary>Scores the capture; expected findings are results, never exceptions.</summary>
    /// <param name="context">The capture and the instruction it was built from.</param>
    /// <param name="cancellationToken">Cancels scoring.</param>
    ValueTask<ScreenshotScore> ScoreAsync(ScreenshotScoringContext context, CancellationToken cancellationToken = default);
}
