namespace WebGen.Bench;

/// <summary>One problem found while reading a dataset file.</summary>
public sealed record class BenchDatasetError
{
    /// <summary>The 1-based line number.</summary>
    public required int LineNumber { get; init; }

    /// <summary>The JSON path of the offending field (for example <c>ui_instruct[2].expected_result</c>); empty for the whole line.</summary>
    public string Field { get; init; } = "";

    /// <summary>What is wrong.</summary>
    public required string Message { get; init; }

    /// <inheritdoc />
    public override string ToString() => Field.Length == 0 ? $"line {LineNumber}: {Message}" : $"line {LineNumber}, field '{Field}': {Message}";
}
