namespace WebGen;

/// <summary>
/// A run directory read back: what was asked, every completed step, where the run stands and,
/// when it ended, its result. Used by resume, reports and tools that inspect runs.
/// </summary>
public sealed record class RunCheckpoint
{
    /// <summary>The run's local directory (its workspace; with the file store, its checkpoints too).</summary>
    public required string RunDirectory { get; init; }

    /// <summary>What the run was asked to do.</summary>
    public required RunManifest Manifest { get; init; }

    /// <summary>Every completed step in order, screenshots included.</summary>
    public required IReadOnlyList<StepRecord> Steps { get; init; }

    /// <summary>Where the run stands.</summary>
    public required RunState State { get; init; }

    /// <summary>The result, when the run ended.</summary>
    public WebGenResult? Result { get; init; }

    /// <summary>True when the run ended.</summary>
    public bool IsComplete => Result is not null;

    /// <summary>Reads a run directory.</summary>
    /// <param name="runDirectory">The directory a run wrote.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <exception cref="InvalidOperationException">The directory holds no run or a damaged one.</exception>
    public static Task<RunCheckpoint> LoadAsync(string runDirectory, CancellationToken cancellationToken = default)
        => new RunCheckpointStore(runDirectory).LoadAsync(cancellationToken);

    /// <summary>Reads a run from any <see cref="IRunStore"/> (for example a networked one).</summary>
    /// <param name="store">The run's store.</param>
    /// <param name="runDirectory">The run's local directory, reported as <see cref="RunDirectory"/>.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <exception cref="InvalidOperationException">The store holds no run or a damaged one.</exception>
    public static Task<RunCheckpoint> LoadAsync(IRunStore store, string runDirectory, CancellationToken cancellationToken = default)
        => new RunCheckpointStore(runDirectory, store).LoadAsync(cancellationToken);
}
