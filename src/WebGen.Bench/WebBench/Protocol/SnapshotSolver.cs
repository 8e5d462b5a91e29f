namespace WebGen.Bench;

/// <summary>
/// Replays another tool's recorded attempts: for task N, attempt A it puts <c>task-N/attempt-A/</c> of the tool's
/// project folder in place of the source. A missing snapshot is a failed attempt.
/// </summary>
internal sealed class SnapshotSolver(string projectFolder) : IWebBenchSolver
{
    public Task<WebBenchSolverResult> ImplementAsync(WebBenchSolverRequest request, CancellationToken cancellationToken)
    {
        var snapshot = Path.Combine(projectFolder, request.Task.Id, "attempt-" + request.Attempt);
        if (!Directory.Exists(snapshot))
        {
            return Task.FromResult(WebBenchSolverResult.Failed($"No snapshot of {request.Task.Id} attempt {request.Attempt} ({snapshot})."));
        }

        WebBenchSiteWorkspace.ReplaceSource(Path.GetDirectoryName(request.SourceDirectory)!, snapshot);
        return Task.FromResult(WebBenchSolverResult.Done($"snapshot {Path.GetRelativePath(projectFolder, snapshot)}"));
    }
}
