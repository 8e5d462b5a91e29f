using Microsoft.Extensions.AI;

namespace WebGen.Bench;

/// <summary>
/// A generated site as recorded in <c>generation/&lt;task&gt;.json</c>. It is written after the site folder is
/// complete, so its presence means the task's generation is done.
/// </summary>
public sealed record class BenchGenerationRecord
{
    /// <summary>The task id.</summary>
    public required string TaskId { get; init; }

    /// <summary>The agent's run id.</summary>
    public required string RunId { get; init; }

    /// <summary>The agent's run directory (steps, screenshots, report).</summary>
    public required string RunDirectory { get; init; }

    /// <summary>The site folder (<c>sites/&lt;task&gt;</c>).</summary>
    public required string SitePath { get; init; }

    /// <summary>Why the run ended.</summary>
    public WebGenStopReason StopReason { get; init; }

    /// <summary>The step select-best chose; null when no step ran.</summary>
    public int? ChosenStep { get; init; }

    /// <summary>Steps the run took.</summary>
    public int Steps { get; init; }

    /// <summary>Files written to the site folder.</summary>
    public int Files { get; init; }

    /// <summary>Tokens spent by all models.</summary>
    public UsageDetails? Usage { get; init; }

    /// <summary>When the site was finished.</summary>
    public DateTimeOffset CompletedAt { get; init; }

    /// <summary>Time spent in the run that finished it.</summary>
    public TimeSpan Duration { get; init; }
}
