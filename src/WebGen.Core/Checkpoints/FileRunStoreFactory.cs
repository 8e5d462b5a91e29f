namespace WebGen;

/// <summary>The default: each run checkpoints into its own run directory (<see cref="FileRunStore"/>).</summary>
public sealed class FileRunStoreFactory : IRunStoreFactory
{
    /// <summary>The shared instance.</summary>
    public static FileRunStoreFactory Instance { get; } = new();

    /// <inheritdoc />
    public IRunStore Open(string runId, string runDirectory) => new FileRunStore(runDirectory);
}
