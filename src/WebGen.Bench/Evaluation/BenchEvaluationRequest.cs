namespace WebGen.Bench;

/// <summary>What a <see cref="BenchEvaluator"/> evaluates.</summary>
public sealed record class BenchEvaluationRequest
{
    /// <summary>The selected tasks; all their cases are the accuracy denominator.</summary>
    public required IReadOnlyList<BenchTask> Tasks { get; init; }

    /// <summary>
    /// The folder holding one site folder per task, named by task id (<c>000001</c>, or the unpadded <c>1</c>).
    /// A task without a folder counts as a site that did not start. A folder holding only one sub-folder is
    /// descended into, as exported projects often are.
    /// </summary>
    public required string SitesDirectory { get; init; }

    /// <summary>Where results, <c>summary.json</c>, <c>summary.md</c> and <c>report.html</c> are written; a rerun with the same directory resumes.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The row name in tables (for example <c>WebGen-Agent + Qwen2.5-Coder-7B</c>).</summary>
    public string Name { get; init; } = "";
}
