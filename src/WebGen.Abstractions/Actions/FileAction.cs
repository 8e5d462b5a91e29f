namespace WebGen;

/// <summary>Writes the full content of one file (<c>type="file" filePath="…"</c>).</summary>
public sealed record class FileAction : BoltAction
{
    /// <summary>The path relative to the workspace root, as the model wrote it.</summary>
    public required string FilePath { get; init; }

    /// <summary>The full file content, HTML entities decoded.</summary>
    public required string Content { get; init; }
}
