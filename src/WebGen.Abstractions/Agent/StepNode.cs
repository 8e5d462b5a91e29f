namespace WebGen;

/// <summary>
/// A node of the run's step graph: the scores that drive backtracking and select-best.
/// Steps are numbered from 1 in the order they ran; <see cref="Parent"/> is the step whose
/// files and chat history this step continued from (null for a step from scratch).
/// </summary>
public sealed record class StepNode
{
    /// <summary>The step number (1-based, unique in the run).</summary>
    public required int Step { get; init; }

    /// <summary>The step this one continued from; null when it started from the bare instruction.</summary>
    public int? Parent { get; init; }

    /// <summary>What the model did.</summary>
    public required StepKind Kind { get; init; }

    /// <summary>Appearance grade 0–5 of the site as of this step.</summary>
    public int ScreenshotGrade { get; init; }

    /// <summary>Functional grade 0–5 of the site as of this step (0 until a GUI test ran).</summary>
    public int GuiGrade { get; init; }

    /// <summary>True when install, start, capture or the GUI test failed, a visible error was reported, or the grade is 2 or lower.</summary>
    public bool HasError { get; init; }

    /// <summary>Why the step counts as erroneous, one line each.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>Scores of the screenshot scorers as of this step (custom selectors may weigh them).</summary>
    public IReadOnlyList<ScreenshotScore> Scores { get; init; } = [];
}
