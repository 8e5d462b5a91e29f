using System.Globalization;
using Microsoft.Extensions.Logging;

namespace WebGen.Bench;

/// <summary>
/// The resumable output directory of a Web-Bench run. A project's <c>result.json</c> is written when it finishes; a
/// protocol attempt is recorded as <c>attempts/task-NN-A.json</c> after the snapshot of the source it left
/// (<c>snapshots/task-NN-A/</c>) is complete, so a recorded attempt always has its snapshot. Files are written atomically
/// (temp file + rename); temporary leftovers of a killed run are removed at the start of the next.
/// </summary>
internal sealed class WebBenchResultStore
{
    private const string TempMarker = ".tmp-";

    public WebBenchResultStore(string outputDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        Root = Path.GetFullPath(outputDirectory);
    }

    public string Root { get; }

    public string ProjectPath(string project) => Path.Combine(Root, "projects", project);

    public string WorkspacePath(string project) => Path.Combine(ProjectPath(project), "workspace");

    public string ArtifactsPath(string project, string label) => Path.Combine(ProjectPath(project), "artifacts", label);

    public string SnapshotPath(string project, int task, int attempt) => Path.Combine(ProjectPath(project), "snapshots", AttemptLabel(task, attempt));

    public static string AttemptLabel(int task, int attempt) => string.Create(CultureInfo.InvariantCulture, $"task-{task:D2}-{attempt}");

    public void RemoveLeftovers()
    {
        var projects = Path.Combine(Root, "projects");
        if (!Directory.Exists(projects))
        {
            return;
        }

        foreach (var project in Directory.EnumerateDirectories(projects))
        {
            foreach (var folder in new[] { Path.Combine(project, "snapshots"), Path.Combine(project, "attempts"), project })
            {
                if (!Directory.Exists(folder))
                {
                    continue;
                }

                foreach (var dir in Directory.EnumerateDirectories(folder).Where(d => Path.GetFileName(d).Contains(TempMarker, StringComparison.Ordinal)))
                {
                    Directory.Delete(dir, recursive: true);
                }

                foreach (var file in Directory.EnumerateFiles(folder).Where(f => Path.GetFileName(f).Contains(TempMarker, StringComparison.Ordinal)))
                {
                    File.Delete(file);
                }
            }
        }
    }

    public Task<WebBenchProjectResult?> ReadProjectAsync(string project, CancellationToken cancellationToken)
        => BenchJson.ReadAsync<WebBenchProjectResult>(Path.Combine(ProjectPath(project), "result.json"), cancellationToken);

    public Task WriteProjectAsync(WebBenchProjectResult result, CancellationToken cancellationToken)
        => BenchJson.WriteAsync(Path.Combine(ProjectPath(result.Project), "result.json"), result, cancellationToken);

    public async Task<IReadOnlyList<WebBenchAttempt>> ReadAttemptsAsync(string project, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(ProjectPath(project), "attempts");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var attempts = new List<WebBenchAttempt>();
        foreach (var file in Directory.EnumerateFiles(folder, "task-*.json").Where(f => !f.Contains(TempMarker, StringComparison.Ordinal)))
        {
            if (await BenchJson.ReadAsync<WebBenchAttempt>(file, cancellationToken).ConfigureAwait(false) is { } attempt
                && Directory.Exists(SnapshotPath(project, attempt.Task, attempt.Attempt)))
            {
                attempts.Add(attempt);
            }
        }

        return [.. attempts.OrderBy(a => a.Task).ThenBy(a => a.Attempt)];
    }

    /// <summary>Keeps a snapshot of the source the attempt left, then records the attempt.</summary>
    public async Task WriteAttemptAsync(string project, WebBenchAttempt attempt, string source, CancellationToken cancellationToken)
    {
        var snapshot = SnapshotPath(project, attempt.Task, attempt.Attempt);
        var temp = BenchJson.TempName(snapshot);
        WebBenchSiteWorkspace.CopyDirectory(source, temp);
        if (Directory.Exists(snapshot))
        {
            Directory.Delete(snapshot, recursive: true);
        }

        Directory.Move(temp, snapshot);
        await BenchJson.WriteAsync(Path.Combine(ProjectPath(project), "attempts", AttemptLabel(attempt.Task, attempt.Attempt) + ".json"), attempt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes an evaluation's screenshot paths relative to the output directory (they are relative to its artifacts folder).</summary>
    public WebBenchEvaluation Relative(WebBenchEvaluation evaluation, string project, string label)
    {
        var prefix = Path.GetRelativePath(Root, ArtifactsPath(project, label)).Replace('\\', '/') + "/";
        return evaluation with { Cases = [.. evaluation.Cases.Select(c => c.Screenshots.Count == 0 ? c : c with { Screenshots = [.. c.Screenshots.Select(s => prefix + s)] })] };
    }

    public void RemoveWorkspace(string project, ILogger logger)
    {
        var workspace = WorkspacePath(project);
        try
        {
            if (Directory.Exists(workspace))
            {
                Directory.Delete(workspace, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.WebBenchWorkspaceCleanupFailed(logger, workspace, ex);
        }
    }

    public async Task WriteSummaryAsync(WebBenchSummary summary, CancellationToken cancellationToken)
    {
        await BenchJson.WriteAsync(Path.Combine(Root, "summary.json"), summary, cancellationToken).ConfigureAwait(false);
        await BenchJson.WriteTextAsync(Path.Combine(Root, "summary.md"), WebBenchMarkdown.Render(summary), cancellationToken).ConfigureAwait(false);
        await BenchJson.WriteTextAsync(Path.Combine(Root, "report.html"), WebBenchHtmlReport.Render(summary, Root), cancellationToken).ConfigureAwait(false);
    }
}
