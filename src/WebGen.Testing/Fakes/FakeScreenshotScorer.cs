namespace WebGen.Testing;

/// <summary>An in-memory <see cref="IScreenshotScorer"/> answering with a callback.</summary>
/// <param name="score">Produces the score.</param>
public sealed class FakeScreenshotScorer(Func<ScreenshotScoringContext, ScreenshotScore> score) : IScreenshotScorer
{
    /// <inheritdoc />
    public ValueTask<ScreenshotScore> ScoreAsync(ScreenshotScoringContext context, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(score(context));
}
