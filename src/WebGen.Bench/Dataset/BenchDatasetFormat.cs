namespace WebGen.Bench;

/// <summary>The file format a <see cref="BenchDataset"/> was read from.</summary>
public enum BenchDatasetFormat
{
    /// <summary>JSON Lines, one task per line (WebGen-Bench's <c>test.jsonl</c>); positions are line numbers.</summary>
    JsonLines,

    /// <summary>Parquet, one task per row (the Hugging Face dataset's <c>test</c> and <c>train</c> splits); positions are row numbers.</summary>
    Parquet,
}
