namespace WebGen.Bench;

/// <summary>
/// WebGen-Bench scores of a set of tasks. Accuracy = (YES + 0.5·PARTIAL) / all cases of the selected tasks, so
/// cases of sites that did not start (and cases not finished yet) count 0. Rates and accuracies are percentages.
/// When the cases were smoke-checked rather than judged (<see cref="Judgement"/> is <see cref="BenchCaseJudgement.Smoke"/>,
/// as in offline runs), accuracy and the YES/PARTIAL/NO rates are not evaluated (null, and absent from
/// <c>summary.json</c>) and the smoke check is reported on its own (<see cref="SmokePassed"/>, <see cref="SmokePassRate"/>).
/// </summary>
public sealed record class BenchSummary
{
    /// <summary>The row name in tables (for example the agent and model).</summary>
    public string Name { get; init; } = "";

    /// <summary>
    /// How the cases were judged: <see cref="BenchCaseJudgement.Agent"/> (accuracy) or <see cref="BenchCaseJudgement.Smoke"/>
    /// (smoke check only, accuracy not evaluated). Read this before any score.
    /// </summary>
    public BenchCaseJudgement Judgement { get; init; }

    /// <summary>How verdicts were read (agent-judged cases only).</summary>
    public BenchVerdictMode VerdictMode { get; init; }

    /// <summary>Selected tasks.</summary>
    public int Tasks { get; init; }

    /// <summary>Test cases of the selected tasks (the denominator).</summary>
    public int Cases { get; init; }

    /// <summary>Cases answered YES.</summary>
    public int Yes { get; init; }

    /// <summary>Cases answered PARTIAL.</summary>
    public int Partial { get; init; }

    /// <summary>Cases answered NO or unreadably.</summary>
    public int No { get; init; }

    /// <summary>Cases of sites that did not start.</summary>
    public int StartFailed { get; init; }

    /// <summary>Cases not finished yet; 0 when the evaluation is complete.</summary>
    public int Pending { get; init; }

    /// <summary>Cases counted as NO because no verdict could be read from the answer (exact mode only).</summary>
    public int Unreadable { get; init; }

    /// <summary>Smoke-checked cases whose page worked: no errors on load or while clicking every button and link (not judged).</summary>
    public int SmokePassed { get; init; }

    /// <summary>Smoke-checked cases whose page raised errors or did not load (not judged).</summary>
    public int SmokeFailed { get; init; }

    /// <summary>(YES + 0.5·PARTIAL) / cases, in percent; null when the cases were smoke-checked (accuracy not evaluated).</summary>
    public double? Accuracy { get; init; }

    /// <summary>YES / cases, in percent; null when the cases were smoke-checked.</summary>
    public double? YesRate { get; init; }

    /// <summary>PARTIAL / cases, in percent; null when the cases were smoke-checked.</summary>
    public double? PartialRate { get; init; }

    /// <summary>NO / cases, in percent; null when the cases were smoke-checked.</summary>
    public double? NoRate { get; init; }

    /// <summary>Smoke-check passes / cases (start-failed and pending cases included), in percent; null when the cases were judged by an agent.</summary>
    public double? SmokePassRate { get; init; }

    /// <summary>Start-failed cases / cases, in percent.</summary>
    public double StartFailedRate { get; init; }

    /// <summary>Sites that did not start.</summary>
    public int StartFailedSites { get; init; }

    /// <summary>Sites finished.</summary>
    public int CompletedSites { get; init; }

    /// <summary>Mean appearance grade over all selected tasks (sites that did not start or are not graded count 0); null when no site was graded.</summary>
    public double? Appearance { get; init; }

    /// <summary>Sites with an appearance grade (sites that did not start included, at 0).</summary>
    public int AppearanceGraded { get; init; }

    /// <summary>Scores per primary task category, in the paper's order.</summary>
    public IReadOnlyList<BenchCategoryScore> ByTaskCategory { get; init; } = [];

    /// <summary>Scores per primary test-case category, in the paper's order.</summary>
    public IReadOnlyList<BenchCategoryScore> ByCaseCategory { get; init; } = [];

    /// <summary>Scores per task, in selection order.</summary>
    public IReadOnlyList<BenchTaskScore> TaskScores { get; init; } = [];

    /// <summary>True when every selected site is finished and no case is pending.</summary>
    public bool IsComplete { get; init; }

    /// <summary>When the summary was computed.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
