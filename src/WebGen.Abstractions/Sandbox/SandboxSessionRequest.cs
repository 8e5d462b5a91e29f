namespace WebGen;

/// <summary>What a sandbox session runs.</summary>
public sealed record class SandboxSessionRequest
{
    /// <summary>Absolute path of the workspace directory holding the site's files.</summary>
    public required string WorkspacePath { get; init; }

    /// <summary>A name for logs and process titles (for example the run id).</summary>
    public string EpisodeId { get; init; } = "episode";
}
