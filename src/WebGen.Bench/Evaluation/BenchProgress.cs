namespace WebGen.Bench;

/// <summary>A progress report of a benchmark run, for live displays and logs.</summary>
public sealed record class BenchProgress
{
    /// <summary>What happened.</summary>
    public required BenchProgressKind Kind { get; init; }

    /// <summary>The task it concerns.</summary>
    public required string TaskId { get; init; }

    /// <summary>The case index, for case reports.</summary>
    public int? CaseIndex { get; init; }

    /// <summary>The case's verdict (in the evaluator's verdict mode), for reports of agent-judged cases; null for smoke-checked ones, which get no verdict.</summary>
    public GuiVerdict? Verdict { get; init; }

    /// <summary>The case's outcome, for case reports: YES, PARTIAL or NO when judged, smoke passed or failed when smoke-checked.</summary>
    public BenchCaseOutcome? Outcome { get; init; }

    /// <summary>The appearance grade, for appearance reports.</summary>
    public int? AppearanceGrade { get; init; }

    /// <summary>Details: why a site did not start, what failed.</summary>
    public string? Message { get; init; }

    /// <summary>Sites (or generations) dealt with so far in this run: finished, skipped or failed.</summary>
    public int CompletedTasks { get; init; }

    /// <summary>Sites (or generations) in the run.</summary>
    public int TotalTasks { get; init; }

    /// <summary>Test cases finished so far, earlier runs' included (evaluation only).</summary>
    public int CompletedCases { get; init; }

    /// <summary>Test cases in the run (evaluation only).</summary>
    public int TotalCases { get; init; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
