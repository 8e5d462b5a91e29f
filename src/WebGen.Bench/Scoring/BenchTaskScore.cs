namespace WebGen.Bench;

/// <summary>Scores of one task's site.</summary>
public sealed record class BenchTaskScore
{
    /// <summary>The task id.</summary>
    public required string TaskId { get; init; }

    /// <summary>The task's primary category.</summary>
    public required string Category { get; init; }

    /// <summary>The outcome of each case, by case index.</summary>
    public IReadOnlyList<BenchCaseOutcome> Outcomes { get; init; } = [];

    /// <summary>True when the site did not start.</summary>
    public bool StartFailed { get; init; }

    /// <summary>True when the site is finished (every case and the appearance grade recorded).</summary>
    public bool IsComplete { get; init; }

    /// <summary>(YES + 0.5·PARTIAL) / cases of this task, in percent; null when the cases were smoke-checked (accuracy not evaluated).</summary>
    public double? Accuracy { get; init; }

    /// <summary>Smoke-check passes / cases of this task, in percent; null when the cases were judged by an agent.</summary>
    public double? SmokePassRate { get; init; }

    /// <summary>The appearance grade; 0 for a site that did not start, null when not graded yet.</summary>
    public int? Appearance { get; init; }

    /// <summary>Work the last run could not finish; empty when none.</summary>
    public IReadOnlyList<BenchTaskFailure> Failures { get; init; } = [];
}
