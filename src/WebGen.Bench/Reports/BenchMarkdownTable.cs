using System.Globalization;
using System.Text;

namespace WebGen.Bench;

/// <summary>
/// Renders scores as Markdown shaped like the paper's results table (rates and accuracies in percent). A smoke-checked
/// summary (<see cref="BenchSummary.Judgement"/> is <see cref="BenchCaseJudgement.Smoke"/>) shows every accuracy and
/// verdict rate as "not evaluated" and its smoke check under its own name.
/// </summary>
public static class BenchMarkdownTable
{
    /// <summary>What a score that was not measured reads as, wherever an accuracy or verdict rate would be.</summary>
    public const string NotEvaluated = "not evaluated";

    /// <summary>
    /// The paper-shaped table, one row per summary: YES, PARTIAL, NO and start-failed rates, accuracy, accuracy per
    /// task category and per test-case category, and mean appearance; plus a smoke-check column when a summary is a smoke check.
    /// </summary>
    /// <param name="summaries">The rows (for example several agents on the same tasks).</param>
    public static string Render(IReadOnlyList<BenchSummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var taskCategories = Categories(summaries.SelectMany(s => s.ByTaskCategory), BenchScoring.TaskCategoryOrder);
        var caseCategories = Categories(summaries.SelectMany(s => s.ByCaseCategory), BenchScoring.CaseCategoryOrder);
        var anySmoke = summaries.Any(s => s.Judgement == BenchCaseJudgement.Smoke);
        var header = new List<string> { "Name", "YES", "PARTIAL", "NO", "Start Failed", "Accuracy" };
        header.AddRange(taskCategories);
        header.AddRange(caseCategories);
        header.Add("Appearance");
        if (anySmoke)
        {
            header.Add("Smoke check passed");
        }

        var text = new StringBuilder();
        Row(text, header.Select(Escape));
        Row(text, header.Select((_, i) => i == 0 ? "---" : "---:"));
        foreach (var s in summaries)
        {
            var cells = new List<string> { Escape(s.Name.Length == 0 ? "(unnamed)" : s.Name), F(s.YesRate), F(s.PartialRate), F(s.NoRate), F(s.StartFailedRate), F(s.Accuracy) };
            cells.AddRange(taskCategories.Select(c => s.ByTaskCategory.FirstOrDefault(x => x.Category == c) is { } x ? F(x.Accuracy) : "–"));
            cells.AddRange(caseCategories.Select(c => s.ByCaseCategory.FirstOrDefault(x => x.Category == c) is { } x ? F(x.Accuracy) : "–"));
            cells.Add(s.Appearance is { } a ? F(a) : "–");
            if (anySmoke)
            {
                cells.Add(s.SmokePassRate is { } rate ? F(rate) : "–");
            }

            Row(text, cells);
        }

        return text.ToString();
    }

    /// <summary>A full Markdown report of one summary: the paper-shaped table, counts (or the smoke check), category tables and per-task results.</summary>
    /// <param name="summary">The scores.</param>
    public static string RenderReport(BenchSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var smoke = summary.Judgement == BenchCaseJudgement.Smoke;
        var text = new StringBuilder();
        text.Append("# WebGen-Bench results").Append(summary.Name.Length > 0 ? ": " + summary.Name : "").Append("\n\n");
        if (smoke)
        {
            text.Append(CultureInfo.InvariantCulture, $"{summary.Tasks} tasks, {summary.Cases} test cases, **smoke-checked, not judged: accuracy {NotEvaluated}.** ").Append(SmokeExplanation).Append("\n\n");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"{summary.Tasks} tasks, {summary.Cases} test cases, verdicts read in {Mode(summary.VerdictMode)} mode. Rates and accuracies are percentages of all {summary.Cases} cases.\n\n");
        }

        if (!summary.IsComplete)
        {
            text.Append(CultureInfo.InvariantCulture, $"**Incomplete:** {summary.Pending} cases and {summary.Tasks - summary.CompletedSites} sites are not finished; they count 0 until a rerun finishes them.\n\n");
        }

        text.Append(Render([summary])).Append('\n');
        if (smoke)
        {
            text.Append("## Smoke check (the page works: no errors while clicking)\n\n");
            text.Append("| Cases | Passed | Failed | Start Failed | Pending | Pass rate | Sites not started | Appearance graded |\n");
            text.Append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            text.Append(CultureInfo.InvariantCulture, $"| {summary.Cases} | {summary.SmokePassed} | {summary.SmokeFailed} | {summary.StartFailed} | {summary.Pending} | {F(summary.SmokePassRate)} | {summary.StartFailedSites} | {summary.AppearanceGraded} |\n\n");
        }
        else
        {
            text.Append("| Cases | YES | PARTIAL | NO | Start Failed | Pending | Unreadable answers | Sites not started | Appearance graded |\n");
            text.Append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            text.Append(CultureInfo.InvariantCulture, $"| {summary.Cases} | {summary.Yes} | {summary.Partial} | {summary.No} | {summary.StartFailed} | {summary.Pending} | {summary.Unreadable} | {summary.StartFailedSites} | {summary.AppearanceGraded} |\n\n");
        }

        CategoryTable(text, "Task category", summary.ByTaskCategory, smoke);
        CategoryTable(text, "Test-case category", summary.ByCaseCategory, smoke);

        text.Append(smoke
            ? "## Tasks\n\n| Task | Category | Cases | Smoke passed | Smoke failed | Start Failed | Pending | Smoke check passed | Accuracy | Appearance | Notes |\n"
            : "## Tasks\n\n| Task | Category | Cases | YES | PARTIAL | NO | Start Failed | Pending | Accuracy | Appearance | Notes |\n");
        text.Append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        foreach (var t in summary.TaskScores)
        {
            var notes = t.Failures.Count > 0 ? "retry: " + string.Join("; ", t.Failures.Select(f => f.Stage + " — " + f.Message)) : t.IsComplete ? "" : "not finished";
            var counts = smoke
                ? $"{Count(t, BenchCaseOutcome.SmokePassed)} | {Count(t, BenchCaseOutcome.SmokeFailed)} | {Count(t, BenchCaseOutcome.StartFailed)} | {Count(t, BenchCaseOutcome.Pending)} | {F(t.SmokePassRate)}"
                : $"{Count(t, BenchCaseOutcome.Yes)} | {Count(t, BenchCaseOutcome.Partial)} | {Count(t, BenchCaseOutcome.No)} | {Count(t, BenchCaseOutcome.StartFailed)} | {Count(t, BenchCaseOutcome.Pending)}";
            text.Append(CultureInfo.InvariantCulture, $"| {Escape(t.TaskId)} | {Escape(t.Category)} | {t.Outcomes.Count} | {counts} | {F(t.Accuracy)} | {(t.Appearance is { } a ? a.ToString(CultureInfo.InvariantCulture) : "–")} | {Escape(notes)} |\n");
        }

        return text.ToString();
    }

    /// <summary>Why a smoke-checked run has no accuracy, for the reports' readers.</summary>
    internal const string SmokeExplanation =
        "The cases were run by the smoke GUI tester (no model), which loads each site and clicks every button and link, recording errors, whatever a case asks. "
        + "It cannot tell whether a case's expected result happened, so no case is YES, PARTIAL or NO, and accuracy is not computed. "
        + "The smoke check (the page works: no errors while clicking) is reported on its own. Configure a GUI-agent model to measure accuracy.";

    internal static string Mode(BenchVerdictMode mode) => mode == BenchVerdictMode.Exact ? "exact" : "reference-compatible (substring)";

    internal static string F(double? value) => value is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) : NotEvaluated;

    private static int Count(BenchTaskScore task, BenchCaseOutcome outcome) => task.Outcomes.Count(o => o == outcome);

    private static void CategoryTable(StringBuilder text, string title, IReadOnlyList<BenchCategoryScore> rows, bool smoke)
    {
        if (smoke)
        {
            text.Append(CultureInfo.InvariantCulture, $"## {title}\n\n| {title} | Cases | Smoke passed | Smoke failed | Start Failed | Pending | Smoke check passed | Accuracy |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"## {title}\n\n| {title} | Cases | YES | PARTIAL | NO | Start Failed | Pending | Accuracy |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        }
        foreach (var r in rows)
        {
            if (smoke)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {Escape(r.Category)} | {r.Cases} | {r.SmokePassed} | {r.SmokeFailed} | {r.StartFailed} | {r.Pending} | {F(r.SmokePassRate)} | {F(r.Accuracy)} |\n");
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"| {Escape(r.Category)} | {r.Cases} | {r.Yes} | {r.Partial} | {r.No} | {r.StartFailed} | {r.Pending} | {F(r.Accuracy)} |\n");
            }
        }

        text.Append('\n');
    }

    private static List<string> Categories(IEnumerable<BenchCategoryScore> scores, IReadOnlyList<string> known)
    {
        var present = scores.Select(s => s.Category).ToHashSet(StringComparer.Ordinal);
        return [.. known.Where(present.Contains), .. present.Where(p => !known.Contains(p)).Order(StringComparer.Ordinal)];
    }

    private static void Row(StringBuilder text, IEnumerable<string> cells) => text.Append("| ").Append(string.Join(" | ", cells)).Append(" |\n");

    private static string Escape(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
