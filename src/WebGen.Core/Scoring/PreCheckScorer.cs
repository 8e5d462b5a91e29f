using Microsoft.Extensions.Options;

namespace WebGen;

/// <summary>
/// The deterministic pre-checks: each is a pure, synchronous function of a <see cref="PageCapture"/>
/// (no model call), sharing the validated <see cref="ScreenshotPreCheckOptions"/>.
/// </summary>
public abstract class PreCheckScorer : IScreenshotScorer
{
    private protected PreCheckScorer(IOptions<ScreenshotPreCheckOptions>? options)
    {
        Options = ScreenshotPreCheckOptions.Validated(options?.Value);
    }

    private protected ScreenshotPreCheckOptions Options { get; }

    /// <inheritdoc />
    public ValueTask<ScreenshotScore> ScoreAsync(ScreenshotScoringContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(Score(context.Capture));
    }

    /// <summary>Scores a capture synchronously.</summary>
    /// <param name="capture">The capture.</param>
    public ScreenshotScore Score(PageCapture capture)
    {
        ArgumentNullException.ThrowIfNull(capture);
        return ScoreCore(capture);
    }

    private protected abstract ScreenshotScore ScoreCore(PageCapture capture);
}
