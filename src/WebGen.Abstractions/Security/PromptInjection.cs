namespace WebGen;

/// <summary>
/// The prompt-injection pre-check's verdict as the loop and the rewards read it: a fatal score named
/// <see cref="ScoreName"/> means the page addresses its graders, so the step's grades are capped and its reward with them.
/// </summary>
public static class PromptInjection
{
    /// <summary>The name of the prompt-injection pre-check's score.</summary>
    public const string ScoreName = "prompt-injection";

    /// <summary>True when <paramref name="scores"/> hold a fatal prompt-injection score.</summary>
    /// <param name="scores">A step's screenshot scores (<see cref="StepNode.Scores"/>); none when null.</param>
    public static bool IsFlagged(IEnumerable<ScreenshotScore>? scores) =>
        scores is not null && scores.Any(s => s.IsFatal && s.Name == ScoreName);
}
