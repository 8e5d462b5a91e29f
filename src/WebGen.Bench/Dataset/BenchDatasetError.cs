namespace WebGen.Bench;

/// <summary>One problem found while reading a dataset file.</summary>
public sealed record class BenchDatasetError
{
    /// <summary>The 1-based line (JSON Lines) or row (Parquet) of the task; 0 for a problem of the whole file, such as a missing Parquet column.</summary>
    public required int LineNumber { get; init; }

    /// <summary>The JSON path of the offending field (for example <c>ui_instruct[2].expected_result</c>); empty for the whole line or row.</summary>
    public string Field { get; init; } = "";

    /// <summary>What is wrong.</summary>
    public required string Message { get; init; }

    /// <summary>The format of the file, which says whether <see cref="LineNumber"/> counts lines or rows.</summary>
    public BenchDatasetFormat Format { get; init; }

    /// <inheritdoc />
    public override string ToString()
    {
        var where = LineNumber <= 0 ? "" : (Format == BenchDatasetFormat.Parquet ? "row " : "line ") + LineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var field = Field.Length == 0 ? "" : $"field '{Field}'";
        var location = string.Join(", ", new[] { where, field }.Where(s => s.Length > 0));
        return location.Length == 0 ? Message : $"{location}: {Message}";
    }
}
