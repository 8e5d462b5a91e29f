namespace WebGen;

/// <summary>What happened to the file actions of one step.</summary>
public sealed record class WorkspaceWriteReport
{
    /// <summary>Normalised relative paths of the files written, in order.</summary>
    public IReadOnlyList<string> Written { get; init; } = [];

    /// <summary>File actions that were refused, each with its reason (also sent to the model).</summary>
    public IReadOnlyList<RejectedFile> Rejected { get; init; } = [];

    /// <summary>True when a default <c>vite.config.js</c> was added because the workspace had none.</summary>
    public bool AddedDefaultViteConfig { get; init; }
}
