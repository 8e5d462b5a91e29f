namespace WebGen;

/// <summary>The step's file actions were applied to the workspace.</summary>
public sealed record class FilesWrittenEvent : WebGenEvent
{
    /// <summary>Written and rejected files.</summary>
    public required WorkspaceWriteReport Report { get; init; }
}
