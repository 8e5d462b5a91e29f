namespace WebGen.Bench;

/// <summary>A Web-Bench run over several projects: each project's result and the overall score.</summary>
public sealed record class WebBenchSummary
{
    /// <summary>A name for the run (the model, <c>reference</c>, a tool).</summary>
    public string Name { get; init; } = "";

    /// <summary>What was evaluated.</summary>
    public required WebBenchRunMode Mode { get; init; }

    /// <summary>The projects' results, in the order they were selected; projects not finished yet are missing.</summary>
    public required IReadOnlyList<WebBenchProjectResult> Projects { get; init; }

    /// <summary>Projects selected but not finished (a stopped run; rerun to resume).</summary>
    public IReadOnlyList<string> Pending { get; init; } = [];

    /// <summary>The sum over the finished projects.</summary>
    public required WebBenchScore Overall { get; init; }

    /// <summary>The run's closing line, <c>cases passed: N% (P of T)</c>.</summary>
    public string ClosingLine => Overall.ClosingLine;

    /// <summary>Wall-clock time of this run (not of earlier, resumed ones).</summary>
    public TimeSpan Duration { get; init; }
}
