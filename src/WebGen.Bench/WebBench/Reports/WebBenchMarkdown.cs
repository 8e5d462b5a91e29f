using System.Globalization;
using System.Text;

namespace WebGen.Bench;

/// <summary>Renders a Web-Bench summary as a Markdown table (one row per project, then the total) ending with the closing line.</summary>
public static class WebBenchMarkdown
{
    /// <summary>Renders the table.</summary>
    /// <param name="summary">The run's summary.</param>
    public static string Render(WebBenchSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var md = new StringBuilder();
        var attempts = summary.Overall.HasAttempts;
        md.AppendLine(attempts
            ? "| Project | Tasks | pass@1 | pass@2 | error@1 | Cases passed |"
            : "| Project | Tasks | Tasks fully passing | Cases passed | Passed on retry | Not passing |");
        md.AppendLine(attempts ? "| --- | ---: | ---: | ---: | ---: | ---: |" : "| --- | ---: | ---: | ---: | ---: | --- |");
        foreach (var project in summary.Projects)
        {
            Row(md, project.Project, project.Score, project, attempts);
        }

        Row(md, "**Overall**", summary.Overall, null, attempts);
        md.AppendLine();
        if (summary.Pending.Count > 0)
        {
            md.Append("Pending (rerun with the same output folder to finish): ").AppendJoin(", ", summary.Pending).AppendLine().AppendLine();
        }

        foreach (var problem in summary.Projects.Where(p => p.Problem is not null))
        {
            md.Append("- ").Append(problem.Project).Append(": ").AppendLine(problem.Problem);
        }

        md.AppendLine(summary.ClosingLine);
        return md.ToString();
    }

    private static void Row(StringBuilder md, string name, WebBenchScore score, WebBenchProjectResult? project, bool attempts)
    {
        var cases = string.Create(CultureInfo.InvariantCulture, $"{score.CasePassRate:0.0}% ({score.CasesPassed}/{score.Cases})");
        if (attempts)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {name} | {score.Tasks} | {score.Pass1:0.0}% | {score.Pass2:0.0}% | {score.Error1:0.0}% | {cases} |").AppendLine();
            return;
        }

        var retried = project?.Cases.Count(c => c.PassedOnRetry) ?? 0;
        var failing = project is null
            ? ""
            : project.Problem ?? string.Join(", ", project.Cases.Where(c => !c.Passed && c.Status != WebBenchCaseStatus.Skipped).Select(c => $"{Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(c.File))}:{c.Line}").Take(8))
                + (project.Cases.Count(c => !c.Passed && c.Status != WebBenchCaseStatus.Skipped) > 8 ? ", …" : "");
        md.Append(CultureInfo.InvariantCulture, $"| {name} | {score.Tasks} | {score.TasksFullyPassing} | {cases} | {(project is null ? "" : retried.ToString(CultureInfo.InvariantCulture))} | {failing} |").AppendLine();
    }
}
