namespace WebGen.Bench;

/// <summary>A category of a benchmark task or test case: its primary category and finer subcategories.</summary>
public sealed record class BenchCategory
{
    /// <summary>The primary category, for example <c>User Interaction</c> or <c>Functional Testing</c>.</summary>
    public required string PrimaryCategory { get; init; }

    /// <summary>The subcategories, for example <c>Searching</c> or <c>Form Operations</c>.</summary>
    public IReadOnlyList<string> Subcategories { get; init; } = [];
}
