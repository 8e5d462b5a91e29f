using System.Globalization;
using System.Text;

namespace WebGen.Bench;

/// <summary>Renders scores as Markdown shaped like the paper's results table (rates and accuracies in percent).</summary>
public static class BenchMarkdownTable
{
    /// <summary>
    /// The paper-shaped table, one row per summary: YES, PARTIAL, NO and start-failed rates, accuracy, accuracy per
    /// task category and per test-case category, and mean appearance.
    /// </summary>
    /// <param name="summaries">The rows (for example several agents on the same tasks).</param>
    public static string Render(IReadOnlyList<BenchSummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var taskCategories = Categories(summaries.SelectMany(s => s.ByTaskCategory), BenchScoring.TaskCategoryOrder);
        var caseCategories = Categories(summaries.SelectMany(s => s.ByCaseCategory), BenchScoring.CaseCategoryOrder);
        var header = new List<string> { "Name", "YES", "PARTIAL", "NO", "Start Failed", "Accuracy" };
        header.AddRange(taskCategories);
        header.AddRange(caseCategories);
        header.Add("Appearance");

        var text = new StringBuilder();
        Row(text, header.Select(Escape));
        Row(text, header.Select((_, i) => i == 0 ? "---" : "---:"));
        foreach (var s in summaries)
        {
            var cells = new List<string> { Escape(s.Name.Length == 0 ? "(unnamed)" : s.Name), F(s.YesRate), F(s.PartialRate), F(s.NoRate), F(s.StartFailedRate), F(s.Accuracy) };
            cells.AddRange(taskCategories.Select(c => s.ByTaskCategory.FirstOrDefault(x => x.Category == c) is { } x ? F(x.Accuracy) : "–"));
            cells.AddRange(caseCategories.Select(c => s.ByCaseCategory.FirstOrDefault(x => x.Category == c) is { } x ? F(x.Accuracy) : "–"));
            cells.Add(s.Appearance is { } a ? F(a) : "–");
            Row(text, cells);
        }

        return text.ToString();
    }

    /// <summary>A full Markdown report of one summary: the paper-shaped table, counts, category tables and per-task results.</summary>
    /// <param name="summary">The scores.</param>
    public static string RenderReport(BenchSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var text = new StringBuilder();
        text.Append("# WebGen-Bench results").Append(summary.Name.Length > 0 ? ": " + summary.Name : "").Append("\n\n");
        text.Append(CultureInfo.InvariantCulture, $"{summary.Tasks} tasks, {summary.Cases} test cases, verdicts read in {Mode(summary.VerdictMode)} mode. Rates and accuracies are percentages of all {summary.Cases} cases.\n\n");
        if (!summary.IsComplete)
        {
            text.Append(CultureInfo.InvariantCulture, $"**Incomplete:** {summary.Pending} cases and {summary.Tasks - summary.CompletedSites} sites are not finished; they count 0 until a rerun finishes them.\n\n");
        }

        text.Append(Render([summary])).Append('\n');
        text.Append("| Cases | YES | PARTIAL | NO | Start Failed | Pending | Unreadable answers | Sites not started | Appearance graded |\n");
        text.Append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        text.Append(CultureInfo.InvariantCulture, $"| {summary.Cases} | {summary.Yes} | {summary.Partial} | {summary.No} | {summary.StartFailed} | {summary.Pending} | {summary.Unreadable} | {summary.StartFailedSites} | {summary.AppearanceGraded} |\n\n");
        CategoryTable(text, "Task category", summary.ByTaskCategory);
        CategoryTable(text, "Test-case category", summary.ByCaseCategory);

        text.Append("## Tasks\n\n| Task | Category | Cases | YES | PARTIAL | NO | Start Failed | Pending | Accuracy | Appearance | Notes |\n");
        text.Append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        foreach (var t in summary.TaskScores)
        {
            var notes = t.Failures.Count > 0 ? "retry: " + string.Join("; ", t.Failures.Select(f => f.Stage + " — " + f.Message)) : t.IsComplete ? "" : "not finished";
            text.Append(CultureInfo.InvariantCulture, $"| {Escape(t.TaskId)} | {Escape(t.Category)} | {t.Outcomes.Count} | {Count(t, BenchCaseOutcome.Yes)} | {Count(t, BenchCaseOutcome.Partial)} | {Count(t, BenchCaseOutcome.No)} | {Count(t, BenchCaseOutcome.StartFailed)} | {Count(t, BenchCaseOutcome.Pending)} | {F(t.Accuracy)} | {(t.Appearance is { } a ? a.ToString(CultureInfo.InvariantCulture) : "–")} | {Escape(notes)} |\n");
        }

        return text.ToString();
    }

    internal static string Mode(BenchVerdictMode mode) => mode == BenchVerdictMode.Exact ? "exact" : "reference-compatible (substring)";

    internal static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    private static int Count(BenchTaskScore task, BenchCaseOutcome outcome) => task.Outcomes.Count(o => o == outcome);

    private static void CategoryTable(StringBuilder text, string title, IReadOnlyList<BenchCategoryScore> rows)
    {
        text.Append(CultureInfo.InvariantCulture, $"## {title}\n\n| {title} | Cases | YES | PARTIAL | NO | Start Failed | Pending | Accuracy |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (var r in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {Escape(r.Category)} | {r.Cases} | {r.Yes} | {r.Partial} | {r.No} | {r.StartFailed} | {r.Pending} | {F(r.Accuracy)} |\n");
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
