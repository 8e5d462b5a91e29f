namespace WebGen;

/// <summary>
/// Where one run's checkpoints live: named entries (<c>run.json</c>, <c>state.json</c>, <c>steps/0001/step.json</c>,
/// <c>blobs/ab/&lt;sha-256&gt;</c>, screenshots) in the run-directory format. The episode writes through it, so a run
/// checkpointed to a store every worker reaches (<see cref="FileRunStore"/> on a shared disk, or a networked store
/// such as Redis) can be resumed by any of them. The workspace itself always stays local to the worker.
/// </summary>
/// <remarks>
/// Names are relative, '/'-separated paths without <c>.</c> or <c>..</c> segments. Implementations must be safe to
/// call from several tasks at once.
/// </remarks>
public interface IRunStore
{
    /// <summary>Reads one entry; null when it does not exist.</summary>
    /// <param name="name">The entry, for example <c>steps/0001/step.json</c>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The names of the entries and folders directly inside <paramref name="folder"/> (committed ones only), in any order.</summary>
    /// <param name="folder">The folder, for example <c>steps</c>.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    Task<IReadOnlyList<string>> ListAsync(string folder, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes entries so that readers see all of them or none, even when the writer dies half-way. A batch of more
    /// than one entry fills one folder that did not exist (a step). With <see cref="RunStoreWriteMode.CreateNew"/>
    /// nothing is written and the result is false when the batch's first entry already exists: two workers that both
    /// believe they own a run cannot record the same step twice.
    /// </summary>
    /// <param name="entries">The entries; at least one.</param>
    /// <param name="mode">Replace what exists, or write only if the first entry is new.</param>
    /// <param name="cancellationToken">Cancels the write (which then may or may not have happened, but never half).</param>
    /// <returns>True when written.</returns>
    Task<bool> WriteAsync(IReadOnlyList<RunStoreEntry> entries, RunStoreWriteMode mode, CancellationToken cancellationToken = default);
}
