using System.Globalization;
using System.Net;
using System.Text;

namespace WebGen.Bench;

/// <summary>
/// Renders a Web-Bench run as one HTML page: the score table, then per project its site, its attempts (protocol runs)
/// and every case that did not pass (or passed only on the retry) with its failing assertion and screenshots. Screenshots
/// are embedded as data URIs; no scripts and no external resources; all text is HTML-encoded.
/// </summary>
public static class WebBenchHtmlReport
{
    private const int MaxEmbeddedScreenshots = 300;

    /// <summary>Renders the page.</summary>
    /// <param name="summary">The run's summary.</param>
    /// <param name="outputDirectory">The run's output directory (screenshot paths are relative to it); null links nothing.</param>
    public static string Render(WebBenchSummary summary, string? outputDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var embedded = 0;
        var html = new StringBuilder(64 * 1024);
        var title = "Web-Bench results" + (summary.Name.Length > 0 ? ": " + summary.Name : "");
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<link rel=\"icon\" href=\"data:,\">\n<title>").Append(E(title))
            .Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<h1>").Append(E(title)).Append("</h1>\n");
        html.Append("<p class=\"meta\">").Append(E(Mode(summary.Mode))).Append(CultureInfo.InvariantCulture, $" · {summary.Projects.Count} project(s)").Append("</p>\n");
        html.Append("<p class=\"closing\" id=\"closing\">").Append(E(summary.ClosingLine)).Append("</p>\n");
        if (summary.Overall.HasAttempts)
        {
            html.Append("<p class=\"note\">pass@1 = tasks passed on the first attempt before any first-attempt failure / tasks; pass@2 = tasks passed, retries included, until a retry failed / tasks; error@1 = failed first attempts / tasks (Web-Bench's definitions).</p>\n");
        }

        if (summary.Pending.Count > 0)
        {
            html.Append("<p class=\"notice\">Pending: ").Append(E(string.Join(", ", summary.Pending))).Append(" (rerun with the same output folder to finish).</p>\n");
        }

        html.Append("<table id=\"scores\">\n<tr><th>Project</th><th>Tasks</th>")
            .Append(summary.Overall.HasAttempts ? "<th>pass@1</th><th>pass@2</th><th>error@1</th>" : "<th>Tasks fully passing</th>")
            .Append("<th>Cases passed</th><th>Passed on retry</th></tr>\n");
        foreach (var project in summary.Projects)
        {
            ScoreRow(html, project.Project, project.Score, project.Cases.Count(c => c.PassedOnRetry), summary.Overall.HasAttempts);
        }

        ScoreRow(html, "Overall", summary.Overall, summary.Projects.Sum(p => p.Cases.Count(c => c.PassedOnRetry)), summary.Overall.HasAttempts);
        html.Append("</table>\n");

        foreach (var project in summary.Projects)
        {
            html.Append("<section class=\"project\" id=\"project-").Append(E(project.Project)).Append("\">\n<h2>").Append(E(project.Project)).Append("</h2>\n");
            if (project.Problem is not null)
            {
                html.Append("<p class=\"notice\">Not evaluated: ").Append(E(project.Problem)).Append("</p>\n");
            }

            if (project.Final is { } final)
            {
                Site(html, final);
            }

            if (project.Attempts.Count > 0)
            {
                html.Append("<table class=\"attempts\"><tr><th>Task</th><th>Attempt</th><th>Result</th><th>Cases passed</th><th>Solver</th></tr>\n");
                foreach (var attempt in project.Attempts)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<tr><td>task-{attempt.Task}</td><td>{attempt.Attempt}</td><td class=\"{(attempt.Passed ? "pass" : "fail")}\">{(attempt.Passed ? "passed" : "failed")}</td><td>{attempt.Evaluation.CasesPassed}/{attempt.Evaluation.CasesCounted}</td><td>")
                        .Append(E(attempt.SolverMessage ?? "")).Append("</td></tr>\n");
                }

                html.Append("</table>\n");
                Site(html, project.Attempts[^1].Evaluation);
            }

            var shown = project.Cases.Where(c => (!c.Passed && c.Status != WebBenchCaseStatus.Skipped) || c.PassedOnRetry).ToList();
            html.Append(CultureInfo.InvariantCulture, $"<p>{project.Cases.Count(c => c.Passed)} of {project.Cases.Count(c => c.Status != WebBenchCaseStatus.Skipped)} cases passed.</p>\n");
            foreach (var item in shown)
            {
                html.Append("<div class=\"case ").Append(item.Passed ? "retry" : "fail").Append("\">\n<h3>")
                    .Append(E($"{item.File}:{item.Line} › {item.Title}")).Append(" <span class=\"status\">")
                    .Append(E(item.PassedOnRetry ? "passed on retry" : item.Status.ToString())).Append("</span></h3>\n");
                if ((item.PassedOnRetry ? item.FirstError : item.Error) is { Length: > 0 } error)
                {
                    html.Append("<pre>").Append(E(error)).Append("</pre>\n");
                }

                foreach (var shot in item.Screenshots)
                {
                    var path = outputDirectory is null ? null : Path.Combine(outputDirectory, shot);
                    if (path is not null && File.Exists(path) && embedded < MaxEmbeddedScreenshots)
                    {
                        embedded++;
                        html.Append("<img alt=\"screenshot of the failure\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(File.ReadAllBytes(path))).Append("\">\n");
                    }
                    else
                    {
                        html.Append("<p><a href=\"").Append(E(shot)).Append("\">screenshot</a></p>\n");
                    }
                }

                html.Append("</div>\n");
            }

            html.Append("</section>\n");
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Site(StringBuilder html, WebBenchEvaluation evaluation)
    {
        html.Append("<p class=\"site\">Site: ").Append(E(evaluation.Site.Started ? "served" : "did not start"))
            .Append(evaluation.Site.Command is { } command ? " by <code>" + E(command) + "</code>" : "")
            .Append(E($" · containment {evaluation.Site.Containment}"))
            .Append(CultureInfo.InvariantCulture, $" · evaluation {evaluation.Duration.TotalSeconds:0} s").Append("</p>\n");
        if (!evaluation.Site.Started && evaluation.Site.Excerpt is { } excerpt)
        {
            html.Append("<pre>").Append(E(excerpt)).Append("</pre>\n");
        }

        foreach (var error in evaluation.RunErrors)
        {
            html.Append("<pre class=\"run-error\">").Append(E(error)).Append("</pre>\n");
        }
    }

    private static void ScoreRow(StringBuilder html, string name, WebBenchScore score, int retried, bool attempts)
    {
        html.Append("<tr><td>").Append(E(name)).Append(CultureInfo.InvariantCulture, $"</td><td>{score.Tasks}</td>");
        html.Append(attempts
            ? string.Create(CultureInfo.InvariantCulture, $"<td>{score.Pass1:0.0}%</td><td>{score.Pass2:0.0}%</td><td>{score.Error1:0.0}%</td>")
            : string.Create(CultureInfo.InvariantCulture, $"<td>{score.TasksFullyPassing}</td>"));
        html.Append(CultureInfo.InvariantCulture, $"<td>{score.CasePassRate:0.0}% ({score.CasesPassed}/{score.Cases})</td><td>{retried}</td></tr>\n");
    }

    private static string Mode(WebBenchRunMode mode) => mode switch
    {
        WebBenchRunMode.Reference => "reference solutions against every task's tests",
        WebBenchRunMode.Solutions => "solutions made by another tool",
        _ => "protocol: tasks implemented one after another, one retry with the error output",
    };

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private const string Css = """
        body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; max-width: 1100px; }
        table { border-collapse: collapse; margin: 1rem 0; }
        th, td { border: 1px solid #ccc; padding: .3rem .6rem; text-align: left; }
        .closing { font-size: 1.2rem; font-weight: bold; }
        .notice { background: #fff4d6; padding: .5rem; }
        .note, .meta, .site { color: #555; }
        .case { border-left: 4px solid #c0392b; padding-left: .8rem; margin: 1rem 0; }
        .case.retry { border-color: #e0a000; }
        .pass { color: #1e7e34; } .fail { color: #c0392b; }
        pre { background: #f6f6f6; padding: .5rem; overflow-x: auto; white-space: pre-wrap; }
        img { max-width: 100%; border: 1px solid #ccc; }
        """;
}
