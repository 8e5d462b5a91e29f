namespace WebGen;

/// <summary>A screenshot was captured, scored and judged.</summary>
public sealed record class ScreenshotEvent : WebGenEvent
{
    /// <summary>The capture (PNG and browser observations).</summary>
    public required PageCapture Capture { get; init; }

    /// <summary>The screenshot scorers' results.</summary>
    public IReadOnlyList<ScreenshotScore> Scores { get; init; } = [];

    /// <summary>The VLM judgement; null when a fatal pre-check skipped it.</summary>
    public ScreenshotJudgement? Judgement { get; init; }
}
