namespace WebGen.Training;

/// <summary>The scores of one step of a trajectory and how its reward was made.</summary>
public sealed record class TrajectoryStep
{
    /// <summary>The step number (1-based).</summary>
    public required int Step { get; init; }

    /// <summary>The step this one continued from; null when it started from the bare instruction.</summary>
    public int? Parent { get; init; }

    /// <summary>What the model did.</summary>
    public required StepKind Kind { get; init; }

    /// <summary>Appearance grade 0–5 of the site as of this step.</summary>
    public int ScreenshotGrade { get; init; }

    /// <summary>Functional grade 0–5 of the site as of this step.</summary>
    public int GuiGrade { get; init; }

    /// <summary>True when the step counts as erroneous for backtracking.</summary>
    public bool HasError { get; init; }

    /// <summary>Why the step counts as erroneous.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>True when the model output was malformed.</summary>
    public bool IsMalformed { get; init; }

    /// <summary>How the reward was made.</summary>
    public string RewardReason { get; init; } = "";

    /// <summary>The step whose reward this step shares; null when the reward is its own.</summary>
    public int? InheritedFromStep { get; init; }

    /// <summary>The screenshot scorers' scores as of this step.</summary>
    public IReadOnlyList<TrajectoryScore> Scores { get; init; } = [];

    /// <summary>Deterministic tests run against this step's site, when any were (see <see cref="TrajectoryBuilder.WithTestOutcomes"/>).</summary>
    public StepTestOutcome? Tests { get; init; }
}
