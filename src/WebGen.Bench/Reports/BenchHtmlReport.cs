using System.Globalization;
using System.Net;
using System.Text;

namespace WebGen.Bench;

/// <summary>
/// Renders a benchmark's scores as one self-contained HTML page: the paper-shaped table, an SVG chart of
/// accuracy by category and of the verdict mix, category tables, and per task its outcomes, appearance
/// screenshot and test cases. A smoke-checked evaluation shows no accuracy ("not evaluated") and charts its smoke
/// check instead. No scripts and no external resources; all text is HTML-encoded.
/// </summary>
public static class BenchHtmlReport
{
    private const int ChartWidth = 760;

    /// <summary>Renders the page.</summary>
    /// <param name="summary">The scores.</param>
    /// <param name="tasks">The selected tasks (instructions and case texts).</param>
    /// <param name="results">The records (answers, failures, appearance screenshots).</param>
    /// <param name="embedScreenshots">Embed each site's first appearance screenshot as a data URI.</param>
    public static string Render(BenchSummary summary, IReadOnlyList<BenchTask> tasks, BenchResults results, bool embedScreenshots = true)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(results);
        var smoke = summary.Judgement == BenchCaseJudgement.Smoke;
        var byId = tasks.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var html = new StringBuilder(64 * 1024);
        var title = "WebGen-Bench results" + (summary.Name.Length > 0 ? ": " + summary.Name : "");
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<link rel=\"icon\" href=\"data:,\">\n<title>")
            .Append(E(title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");
        var judged = smoke ? "cases smoke-checked, not judged" : $"verdicts read in {E(BenchMarkdownTable.Mode(summary.VerdictMode))} mode";
        html.Append("<h1>").Append(E(title)).Append("</h1>\n<p class=\"meta\">")
            .Append(CultureInfo.InvariantCulture, $"{summary.Tasks} tasks · {summary.Cases} test cases · {judged} · computed {summary.CreatedAt:yyyy-MM-dd HH:mm} UTC")
            .Append("</p>\n");
        if (smoke)
        {
            html.Append("<p class=\"notice\" id=\"not-evaluated\"><strong>Smoke check only: accuracy not evaluated.</strong> ").Append(E(BenchMarkdownTable.SmokeExplanation)).Append("</p>\n");
        }

        if (!summary.IsComplete)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"notice\" id=\"incomplete\">Incomplete: {summary.Pending} cases and {summary.Tasks - summary.CompletedSites} sites are not finished; they count 0 until a rerun with the same output directory finishes them.</p>\n");
        }

        html.Append(smoke
            ? "<p class=\"note\">Smoke check pass rate = cases whose page worked (no errors on load or while clicking every button and link) / all cases of the selected tasks; cases of sites that did not start count as not passed. It is not an accuracy. Appearance is the mean 0–5 grade over all selected tasks.</p>\n"
            : "<p class=\"note\">Accuracy = (YES + 0.5 × PARTIAL) / all cases of the selected tasks; cases of sites that did not start count 0. Rates and accuracies are percentages; appearance is the mean 0–5 grade over all selected tasks.</p>\n");
        SummaryTable(html, summary);
        if (smoke)
        {
            SmokeTable(html, summary);
            Chart(
                html,
                "Chart: smoke check by category (not an accuracy)",
                "Smoke check pass rate by category (percent; not an accuracy) and the mix of smoke-check outcomes",
                "Smoke check passed",
                [("Overall", summary.SmokePassRate ?? 0), .. summary.ByTaskCategory.Concat(summary.ByCaseCategory).Select(c => (c.Category, c.SmokePassRate ?? 0))],
                "Outcomes",
                [("Smoke passed", summary.SmokePassed, "smoke-pass"), ("Smoke failed", summary.SmokeFailed, "smoke-fail"), ("Start failed", summary.StartFailed, "failed"), ("Pending", summary.Pending, "pending")],
                summary.Cases);
        }
        else
        {
            Chart(
                html,
                "Chart: accuracy by category",
                "Accuracy by category (percent) and the mix of verdicts",
                "Accuracy",
                [("Overall", summary.Accuracy ?? 0), .. summary.ByTaskCategory.Concat(summary.ByCaseCategory).Select(c => (c.Category, c.Accuracy ?? 0))],
                "Verdicts",
                [("YES", summary.Yes, "yes"), ("PARTIAL", summary.Partial, "partial"), ("NO", summary.No, "no"), ("Start failed", summary.StartFailed, "failed"), ("Pending", summary.Pending, "pending")],
                summary.Cases);
        }

        CategoryTable(html, "Task category", summary.ByTaskCategory, smoke);
        CategoryTable(html, "Test-case category", summary.ByCaseCategory, smoke);
        TaskSection(html, summary, byId, results, embedScreenshots, smoke);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void SummaryTable(StringBuilder html, BenchSummary s)
    {
        html.Append("<h2>Summary</h2>\n<div class=\"wide\"><table id=\"summary\">\n<thead><tr><th>Name</th><th>YES</th><th>PARTIAL</th><th>NO</th><th>Start failed</th><th>Accuracy</th>");
        foreach (var c in s.ByTaskCategory.Concat(s.ByCaseCategory))
        {
            html.Append("<th>").Append(E(c.Category)).Append("</th>");
        }

        html.Append("<th>Appearance</th></tr></thead>\n<tbody><tr><td>").Append(E(s.Name.Length == 0 ? "(unnamed)" : s.Name)).Append("</td>");
        foreach (var v in new[] { s.YesRate, s.PartialRate, s.NoRate, s.StartFailedRate })
        {
            html.Append(Cell(v, ""));
        }

        html.Append(Cell(s.Accuracy, " strong", "accuracy"));
        foreach (var c in s.ByTaskCategory.Concat(s.ByCaseCategory))
        {
            html.Append(Cell(c.Accuracy, ""));
        }

        html.Append("<td class=\"num\">").Append(s.Appearance is { } a ? a.ToString("F2", CultureInfo.InvariantCulture) : "–").Append("</td></tr></tbody>\n</table></div>\n");
        if (s.Judgement == BenchCaseJudgement.Smoke)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">Counts: {s.SmokePassed} smoke check passed, {s.SmokeFailed} smoke check failed, {s.StartFailed} start-failed ({s.StartFailedSites} sites), {s.Pending} pending; no case was judged YES, PARTIAL or NO.</p>\n");
        }
        else
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">Counts: {s.Yes} YES, {s.Partial} PARTIAL, {s.No} NO ({s.Unreadable} unreadable), {s.StartFailed} start-failed ({s.StartFailedSites} sites), {s.Pending} pending.</p>\n");
        }
    }

    private static void SmokeTable(StringBuilder html, BenchSummary s)
    {
        html.Append("<h2>Smoke check (the page works: no errors while clicking)</h2>\n<table id=\"smoke-check\">\n<thead><tr><th>Cases</th><th>Passed</th><th>Failed</th><th>Start failed</th><th>Pending</th><th>Pass rate</th></tr></thead>\n<tbody>");
        html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"num\">{s.Cases}</td><td class=\"num\">{s.SmokePassed}</td><td class=\"num\">{s.SmokeFailed}</td><td class=\"num\">{s.StartFailed}</td><td class=\"num\">{s.Pending}</td><td class=\"num strong\" id=\"smoke-pass-rate\">{F(s.SmokePassRate)}</td></tr>");
        html.Append("</tbody>\n</table>\n");
    }

    private static void Chart(StringBuilder html, string heading, string title, string barsName, IReadOnlyList<(string Label, double Value)> bars, string mixName, IReadOnlyList<(string Label, int Count, string Class)> segments, int cases)
    {
        const int labelWidth = 200;
        const int rowHeight = 26;
        var plotWidth = ChartWidth - labelWidth - 60;
        var height = 40 + (bars.Count * rowHeight) + 70;
        html.Append("<h2>").Append(E(heading)).Append("</h2>\n");
        html.Append(CultureInfo.InvariantCulture, $"<svg id=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{ChartWidth}\" height=\"{height}\" viewBox=\"0 0 {ChartWidth} {height}\" role=\"img\" aria-label=\"{E(title)}\">\n");
        html.Append("<title>").Append(E(title)).Append("</title>\n");
        for (var tick = 0; tick <= 100; tick += 25)
        {
            var x = labelWidth + (plotWidth * tick / 100.0);
            html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:F1}\" y1=\"20\" x2=\"{x:F1}\" y2=\"{20 + (bars.Count * rowHeight)}\" class=\"grid\"/><text x=\"{x:F1}\" y=\"14\" class=\"tick\">{tick}%</text>\n");
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var y = 24 + (i * rowHeight);
            var w = plotWidth * Math.Clamp(bars[i].Value, 0, 100) / 100.0;
            var cls = i == 0 ? "bar overall" : "bar";
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 8}\" y=\"{y + 14}\" class=\"label\">{E(bars[i].Label)}</text><rect x=\"{labelWidth}\" y=\"{y}\" width=\"{w:F1}\" height=\"18\" class=\"{cls}\"><title>{E(barsName)}: {F(bars[i].Value)}%</title></rect><text x=\"{labelWidth + w + 6:F1}\" y=\"{y + 14}\" class=\"value\">{F(bars[i].Value)}</text>\n");
        }

        var mixY = 40 + (bars.Count * rowHeight);
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 8}\" y=\"{mixY + 14}\" class=\"label\">{E(mixName)}</text>\n");
        double offset = labelWidth;
        var legendX = labelWidth;
        foreach (var (label, count, cls) in segments)
        {
            var w = cases == 0 ? 0 : plotWidth * count / (double)cases;
            if (w > 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{offset:F1}\" y=\"{mixY}\" width=\"{w:F1}\" height=\"18\" class=\"{cls}\"><title>{E(label)}: {count}</title></rect>\n");
            }

            offset += w;
            html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{legendX}\" y=\"{mixY + 30}\" width=\"10\" height=\"10\" class=\"{cls}\"/><text x=\"{legendX + 14}\" y=\"{mixY + 39}\" class=\"legend\">{E(label)} {count}</text>\n");
            legendX += 130;
        }

        html.Append("</svg>\n");
    }

    private static void CategoryTable(StringBuilder html, string title, IReadOnlyList<BenchCategoryScore> rows, bool smoke)
    {
        html.Append("<h2>").Append(E(title)).Append("</h2>\n<table>\n<thead><tr><th>").Append(E(title)).Append(smoke
            ? "</th><th>Cases</th><th>Smoke passed</th><th>Smoke failed</th><th>Start failed</th><th>Pending</th><th>Smoke check passed</th><th>Accuracy</th></tr></thead>\n<tbody>\n"
            : "</th><th>Cases</th><th>YES</th><th>PARTIAL</th><th>NO</th><th>Start failed</th><th>Pending</th><th>Accuracy</th></tr></thead>\n<tbody>\n");
        foreach (var r in rows)
        {
            if (smoke)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(r.Category)}</td><td class=\"num\">{r.Cases}</td><td class=\"num\">{r.SmokePassed}</td><td class=\"num\">{r.SmokeFailed}</td><td class=\"num\">{r.StartFailed}</td><td class=\"num\">{r.Pending}</td>{Cell(r.SmokePassRate, "")}{Cell(r.Accuracy, "")}</tr>\n");
            }
            else
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(r.Category)}</td><td class=\"num\">{r.Cases}</td><td class=\"num\">{r.Yes}</td><td class=\"num\">{r.Partial}</td><td class=\"num\">{r.No}</td><td class=\"num\">{r.StartFailed}</td><td class=\"num\">{r.Pending}</td>{Cell(r.Accuracy, "")}</tr>\n");
            }
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void TaskSection(StringBuilder html, BenchSummary summary, Dictionary<string, BenchTask> tasks, BenchResults results, bool embedScreenshots, bool smoke)
    {
        html.Append("<h2>Tasks</h2>\n");
        foreach (var score in summary.TaskScores)
        {
            tasks.TryGetValue(score.TaskId, out var task);
            var site = results.GetSite(score.TaskId);
            var appearance = results.GetAppearance(score.TaskId);
            var cases = results.GetCases(score.TaskId).ToDictionary(c => c.CaseIndex);
            var status = score.StartFailed ? "start failed" : score.IsComplete ? "finished" : "not finished";
            html.Append(CultureInfo.InvariantCulture, $"<details class=\"task\" id=\"task-{E(score.TaskId)}\"><summary><span class=\"id\">{E(score.TaskId)}</span> <span class=\"cat\">{E(score.Category)}</span> ");
            foreach (var outcome in score.Outcomes)
            {
                html.Append(Badge(outcome));
            }

            var headline = smoke ? $"smoke check passed {F(score.SmokePassRate)}% · accuracy {BenchMarkdownTable.NotEvaluated}" : $"{F(score.Accuracy)}%";
            html.Append(CultureInfo.InvariantCulture, $" <span class=\"acc\">{headline}</span> · appearance {(score.Appearance is { } a ? a.ToString(CultureInfo.InvariantCulture) : "–")} · {status}</summary>\n<div class=\"body\">\n");
            if (task is not null)
            {
                html.Append("<p class=\"instruction\">").Append(E(task.Instruction)).Append("</p>\n");
            }

            if (site?.StartFailure is { } why)
            {
                html.Append("<p class=\"error\">The site did not start: ").Append(E(why)).Append("</p>\n");
            }

            foreach (var failure in score.Failures)
            {
                html.Append("<p class=\"error\">Not finished (").Append(E(failure.Stage)).Append("): ").Append(E(failure.Message)).Append(" — retried on the next run.</p>\n");
            }

            if (appearance is not null)
            {
                if (embedScreenshots && appearance.Screenshots.Count > 0)
                {
                    html.Append("<img class=\"shot\" alt=\"Home page of task ").Append(E(score.TaskId)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(appearance.Screenshots[0].Span)).Append("\">\n");
                }

                html.Append("<details class=\"analysis\"><summary>Appearance analysis (grade ").Append(appearance.Grade.ToString(CultureInfo.InvariantCulture)).Append(")</summary><pre>").Append(E(appearance.Analysis)).Append("</pre></details>\n");
            }

            if (task is not null)
            {
                html.Append("<table class=\"cases\"><thead><tr><th>#</th><th>Category</th><th>Task</th><th>Expected result</th><th>Outcome</th><th>Answer</th></tr></thead><tbody>\n");
                foreach (var c in task.Cases)
                {
                    var outcome = c.Index < score.Outcomes.Count ? score.Outcomes[c.Index] : BenchCaseOutcome.Pending;
                    cases.TryGetValue(c.Index, out var result);
                    var answer = result is null ? "" : Excerpt(result.FinalAnswer ?? "(no answer)", 400);
                    var failure = result?.Failure is { } f ? "<div class=\"error\">" + E(f) + "</div>" : "";
                    var steps = result is null ? "" : $"<div class=\"meta\">{result.Trajectory.Count} actions</div>";
                    html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"num\">{c.Index}</td><td>{E(c.Category.PrimaryCategory)}</td><td>{E(c.Task)}</td><td>{E(c.ExpectedResult)}</td><td>{Badge(outcome)}</td><td><pre>{E(answer)}</pre>{failure}{steps}</td></tr>\n");
                }

                html.Append("</tbody></table>\n");
            }

            html.Append("</div></details>\n");
        }
    }

    private static string Badge(BenchCaseOutcome outcome) => outcome switch
    {
        BenchCaseOutcome.Yes => "<span class=\"badge yes\" title=\"YES\">Y</span>",
        BenchCaseOutcome.Partial => "<span class=\"badge partial\" title=\"PARTIAL\">P</span>",
        BenchCaseOutcome.No => "<span class=\"badge no\" title=\"NO\">N</span>",
        BenchCaseOutcome.StartFailed => "<span class=\"badge failed\" title=\"site did not start\">S</span>",
        BenchCaseOutcome.SmokePassed => "<span class=\"badge smoke-pass\" title=\"smoke check passed: no errors while clicking (the case itself was not judged)\">✓</span>",
        BenchCaseOutcome.SmokeFailed => "<span class=\"badge smoke-fail\" title=\"smoke check failed: errors while clicking, or the page did not load (the case itself was not judged)\">✗</span>",
        _ => "<span class=\"badge pending\" title=\"not finished\">·</span>",
    };

    /// <summary>A number cell, or a "not evaluated" cell for a score that was not measured.</summary>
    private static string Cell(double? value, string extraClass, string? id = null)
    {
        var idAttribute = id is null ? "" : $" id=\"{id}\"";
        return value is { } v
            ? $"<td class=\"num{extraClass}\"{idAttribute}>{F(v)}</td>"
            : $"<td class=\"na{extraClass}\"{idAttribute}>{BenchMarkdownTable.NotEvaluated}</td>";
    }

    private static string Excerpt(string text, int max) => text.Length <= max ? text : text[..max] + " …";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string F(double? value) => BenchMarkdownTable.F(value);

    private const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #1d2330; background: #fafbfc; }
        h1 { font-size: 1.6rem; margin-bottom: .2rem; }
        h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #d8dde6; padding-bottom: .3rem; }
        .wide { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0; background: #fff; font-size: .9rem; }
        th, td { border: 1px solid #d8dde6; padding: .35rem .5rem; text-align: left; vertical-align: top; }
        th { background: #eef1f6; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.strong { font-weight: 700; }
        .meta { color: #5b6478; font-size: .85rem; }
        .note { font-size: .85rem; color: #3d4557; }
        .notice { background: #fff4d6; border: 1px solid #e8c66a; padding: .6rem .8rem; border-radius: 6px; }
        .error { color: #a61b1b; }
        .instruction { background: #fff; border-left: 4px solid #4a6cf7; padding: .5rem .8rem; }
        details.task { background: #fff; border: 1px solid #d8dde6; border-radius: 6px; margin: .4rem 0; }
        details.task > summary { cursor: pointer; padding: .5rem .8rem; }
        details.task .body { padding: 0 .8rem .8rem; }
        .id { font-weight: 700; font-family: ui-monospace, monospace; }
        .cat { color: #5b6478; }
        .acc { font-weight: 600; }
        .badge { display: inline-block; width: 1.2em; text-align: center; border-radius: 3px; margin-right: 2px; font-size: .8rem; color: #fff; font-family: ui-monospace, monospace; }
        .badge.yes, rect.yes { background: #2e9d57; fill: #2e9d57; }
        .badge.partial, rect.partial { background: #e0a100; fill: #e0a100; }
        .badge.no, rect.no { background: #c23b3b; fill: #c23b3b; }
        .badge.failed, rect.failed { background: #6b4aa8; fill: #6b4aa8; }
        .badge.pending, rect.pending { background: #9aa3b5; fill: #9aa3b5; }
        .badge.smoke-pass, rect.smoke-pass { background: #2b7a8c; fill: #2b7a8c; }
        .badge.smoke-fail, rect.smoke-fail { background: #b5563a; fill: #b5563a; }
        td.na { color: #5b6478; font-style: italic; text-align: right; }
        img.shot { max-width: 480px; border: 1px solid #d8dde6; display: block; margin: .5rem 0; }
        pre { white-space: pre-wrap; word-break: break-word; margin: 0; font-size: .8rem; }
        svg text { font-family: system-ui, sans-serif; font-size: 12px; fill: #1d2330; }
        svg text.label { text-anchor: end; }
        svg text.tick { text-anchor: middle; fill: #5b6478; font-size: 10px; }
        svg line.grid { stroke: #e3e7ee; }
        svg rect.bar { fill: #4a6cf7; }
        svg rect.overall { fill: #1d3bb8; }

        """;
}
