namespace WebGen.Bench;

/// <summary>What a generation run did.</summary>
public sealed record class BenchGenerationReport
{
    /// <summary>The sites folder (one folder per task id), ready for <see cref="BenchEvaluator"/>.</summary>
    public required string SitesDirectory { get; init; }

    /// <summary>Tasks whose site was generated in this run.</summary>
    public IReadOnlyList<string> Generated { get; init; } = [];

    /// <summary>Tasks skipped because an earlier run had generated their site.</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];

    /// <summary>Tasks whose generation failed in this run (retried on the next run; evaluated as sites that did not start).</summary>
    public IReadOnlyList<BenchTaskFailure> Failures { get; init; } = [];
}
