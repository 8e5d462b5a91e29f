namespace WebGen.Bench;

/// <summary>
/// A finished site as recorded in the results directory (<c>results/&lt;task&gt;/site.json</c>). It is written
/// last, once every case and the appearance grade are recorded, so its presence means the site is done.
/// </summary>
public sealed record class BenchSiteResult
{
    /// <summary>The task id.</summary>
    public required string TaskId { get; init; }

    /// <summary>The site folder that was evaluated; null when no folder was found for the task.</summary>
    public string? SitePath { get; init; }

    /// <summary>True when the site did not start (or had no folder): every case scores NO and counts as start-failed, appearance 0.</summary>
    public bool StartFailed { get; init; }

    /// <summary>Why the site did not start; null when it started.</summary>
    public string? StartFailure { get; init; }

    /// <summary>The sandbox's install and start outcome, when the sandbox ran.</summary>
    public SandboxRunResult? Sandbox { get; init; }

    /// <summary>When the site was finished.</summary>
    public DateTimeOffset CompletedAt { get; init; }

    /// <summary>Time spent on the site in the run that finished it.</summary>
    public TimeSpan Duration { get; init; }
}
