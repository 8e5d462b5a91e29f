namespace WebGen.Bench;

/// <summary>A Web-Bench run over several projects (<see cref="WebBenchHarness.RunAsync"/>).</summary>
public sealed record class WebBenchRunRequest
{
    /// <summary>The projects, in the order their results are listed.</summary>
    public required IReadOnlyList<WebBenchProject> Projects { get; init; }

    /// <summary>Where results, workspaces and the report go; rerunning with the same folder resumes.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>What is evaluated.</summary>
    public required WebBenchRunMode Mode { get; init; }

    /// <summary>
    /// For <see cref="WebBenchRunMode.Solutions"/>: a folder with one folder per project, holding either the final source
    /// (the folder itself, or its <c>src/</c>) or per-attempt snapshots <c>task-N/attempt-1/</c> (and <c>attempt-2/</c>
    /// after a failed first attempt), which are then scored with the protocol.
    /// </summary>
    public string? SolutionsDirectory { get; init; }

    /// <summary>For <see cref="WebBenchRunMode.Solver"/>: what implements the tasks.</summary>
    public IWebBenchSolver? Solver { get; init; }

    /// <summary>A name for the run in reports.</summary>
    public string Name { get; init; } = "";

    /// <summary>Keep each finished project's workspace (with its installed dependencies) instead of removing it.</summary>
    public bool KeepWorkspaces { get; init; }
}
