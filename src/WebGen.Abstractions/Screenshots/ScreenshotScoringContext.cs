namespace WebGen;

/// <summary>What a <see cref="IScreenshotScorer"/> sees.</summary>
public sealed record class ScreenshotScoringContext
{
    /// <summary>The capture to score.</summary>
    public required PageCapture Capture { get; init; }

    /// <summary>The user's website request.</summary>
    public required string Instruction { get; init; }
}
