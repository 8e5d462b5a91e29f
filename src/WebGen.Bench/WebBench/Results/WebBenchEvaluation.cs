namespace WebGen.Bench;

/// <summary>
/// One evaluation: a project's source served in the sandbox and the specs of <c>init</c> and tasks 1 … <see cref="ThroughTask"/>
/// run against it with @playwright/test.
/// </summary>
public sealed record class WebBenchEvaluation
{
    /// <summary>The project.</summary>
    public required string Project { get; init; }

    /// <summary>The last task whose spec ran.</summary>
    public required int ThroughTask { get; init; }

    /// <summary>Every case of the specs that were due, run or not.</summary>
    public required IReadOnlyList<WebBenchCaseResult> Cases { get; init; }

    /// <summary>How the site came up.</summary>
    public required WebBenchSiteOutcome Site { get; init; }

    /// <summary>Errors of the test run outside any case (a spec that could not be loaded, a runner that failed).</summary>
    public IReadOnlyList<string> RunErrors { get; init; } = [];

    /// <summary>When the evaluation started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Wall-clock time of the evaluation, site start included.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>True when the failing cases were run a second time (final-solution evaluations).</summary>
    public bool Retried { get; init; }

    /// <summary>Cases that passed.</summary>
    public int CasesPassed => Cases.Count(c => c.Passed);

    /// <summary>Cases that count (all but skipped ones).</summary>
    public int CasesCounted => Cases.Count(c => c.Status != WebBenchCaseStatus.Skipped);

    /// <summary>True when the site ran, there were cases, no run error, and no counted case failed: the task through which it ran passes.</summary>
    public bool Passed => Site.Started && RunErrors.Count == 0 && CasesCounted > 0 && Cases.All(c => c.Passed || c.Status == WebBenchCaseStatus.Skipped);
}
