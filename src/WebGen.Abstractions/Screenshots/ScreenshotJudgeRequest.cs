namespace WebGen;

/// <summary>What the VLM judge sees.</summary>
public sealed record class ScreenshotJudgeRequest
{
    /// <summary>The capture to judge.</summary>
    public required PageCapture Capture { get; init; }

    /// <summary>The user's website request (the grading rubric is relative to it).</summary>
    public required string Instruction { get; init; }

    /// <summary>Scores of the deterministic pre-checks, for context.</summary>
    public IReadOnlyList<ScreenshotScore> PreCheckScores { get; init; } = [];
}
