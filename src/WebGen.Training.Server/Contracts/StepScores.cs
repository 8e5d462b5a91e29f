namespace WebGen.Training.Server;

/// <summary>The grades of a step, as the environment recorded them.</summary>
public sealed record class StepScores
{
    /// <summary>Appearance grade 0–5 of the site as of this step.</summary>
    public required int ScreenshotGrade { get; init; }

    /// <summary>Functional grade 0–5 as of this step (0 until a validate step ran the GUI test).</summary>
    public required int GuiGrade { get; init; }

    /// <summary>True when install, start, capture or the GUI test failed, a visible error was reported, or the grade is 2 or lower.</summary>
    public required bool HasError { get; init; }

    /// <summary>Why the step counts as erroneous, one line each.</summary>
    public required IReadOnlyList<string> Errors { get; init; }

    /// <summary>The screenshot scorers' scores (for example accessibility), each with its reason.</summary>
    public required IReadOnlyList<ScreenshotScore> Scorers { get; init; }

    internal static StepScores From(StepNode node) => new()
    {
        ScreenshotGrade = node.ScreenshotGrade,
        GuiGrade = node.GuiGrade,
        HasError = node.HasError,
        Errors = node.Errors,
        Scorers = node.Scores,
    };
}
