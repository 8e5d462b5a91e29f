namespace WebGen.Bench;

/// <summary>One UI test case of a benchmark task (<c>ui_instruct[]</c>): what to try and what should happen.</summary>
public sealed record class BenchCase
{
    /// <summary>The id of the task the case belongs to.</summary>
    public required string TaskId { get; init; }

    /// <summary>The 0-based position of the case in its task.</summary>
    public required int Index { get; init; }

    /// <summary>What the tester should attempt.</summary>
    public required string Task { get; init; }

    /// <summary>What the site should do when the task is attempted.</summary>
    public required string ExpectedResult { get; init; }

    /// <summary>The test-case category (<c>Functional Testing</c>, <c>Data Display Testing</c>, <c>Design Validation Testing</c>).</summary>
    public required BenchCategory Category { get; init; }
}
