namespace WebGen;

/// <summary>One text file of a generated website.</summary>
public sealed record class WorkspaceFile
{
    /// <summary>Path relative to the workspace root, with forward slashes.</summary>
    public required string Path { get; init; }

    /// <summary>The file content.</summary>
    public required string Content { get; init; }
}
