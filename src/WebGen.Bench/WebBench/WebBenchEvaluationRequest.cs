namespace WebGen.Bench;

/// <summary>One evaluation asked of <see cref="WebBenchHarness.EvaluateAsync"/>.</summary>
public sealed record class WebBenchEvaluationRequest
{
    /// <summary>The project whose tests run.</summary>
    public required WebBenchProject Project { get; init; }

    /// <summary>
    /// The folder the sandbox serves the site from. It is created from the project's files when missing and reused
    /// (with its installed dependencies) across evaluations of the same project.
    /// </summary>
    public required string WorkspaceDirectory { get; init; }

    /// <summary>The source to evaluate, copied over the workspace's <c>src/</c> first; null evaluates the workspace's <c>src/</c> as it is.</summary>
    public string? SourceDirectory { get; init; }

    /// <summary>Run the specs of <c>init</c> and tasks 1 … n; null runs every task's.</summary>
    public int? ThroughTask { get; init; }

    /// <summary>Where the run's report and the failing cases' screenshots are kept (screenshot paths are relative to it).</summary>
    public required string ArtifactsDirectory { get; init; }

    /// <summary>Run failing cases once more on a fresh site; null follows <see cref="WebBenchOptions.RetryFailedCases"/>.</summary>
    public bool? RetryFailedCases { get; init; }
}
