namespace WebGen.Bench;

/// <summary>One benchmark task: a website instruction and the UI test cases its site is judged by.</summary>
public sealed record class BenchTask
{
    /// <summary>The task id as written in the dataset (WebGen-Bench uses zero-padded numbers such as <c>000001</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The website instruction given to the generator.</summary>
    public required string Instruction { get; init; }

    /// <summary>The task category (<c>User Interaction</c>, <c>Content Presentation</c>, <c>Data Management</c>).</summary>
    public required BenchCategory Category { get; init; }

    /// <summary>The kind of application, for example <c>Analytics Platforms/Dashboards</c>.</summary>
    public string ApplicationType { get; init; } = "";

    /// <summary>The UI test cases, in dataset order; empty for a task that has none (the training split's), which can be generated but not evaluated.</summary>
    public required IReadOnlyList<BenchCase> Cases { get; init; }

    /// <summary>The 1-based line (JSON Lines) or row (Parquet) of the dataset file the task was read from.</summary>
    public int LineNumber { get; init; }
}
