using StackExchange.Redis;

namespace WebGen.Orleans;

/// <summary>
/// An <see cref="IRunStore"/> in Redis, so every worker of a cluster reads and writes the same checkpoints: a run is
/// one hash (<c>&lt;prefix&gt;run:&lt;run id&gt;</c>) whose fields are the run-directory entries (manifest, state,
/// steps, chat additions, content-addressed file blobs, screenshots). A step is one <c>HSET</c>, atomic by Redis; a
/// create-only write is a transaction conditioned on its first field not existing.
/// </summary>
public sealed class RedisRunStore : IRunStore
{
    private readonly IDatabaseAsync _database;

    /// <summary>Opens the store of one run.</summary>
    /// <param name="database">The Redis database.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="keyPrefix">Prefix of the run's key, to share a Redis between clusters or applications.</param>
    public RedisRunStore(IDatabaseAsync database, string runId, string keyPrefix = RedisRunStoreFactory.DefaultKeyPrefix)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(keyPrefix);
        _database = database;
        RunId = runId;
        Key = keyPrefix + "run:" + runId;
    }

    /// <summary>The run id.</summary>
    public string RunId { get; }

    /// <summary>The Redis key of the run's hash.</summary>
    public RedisKey Key { get; }

    /// <inheritdoc />
    public async Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken = default)
    {
        RunStoreNames.ThrowIfInvalid(name);
        var value = await _database.HashGetAsync(Key, name).WaitAsync(cancellationToken).ConfigureAwait(false);
        return value.IsNull ? null : (byte[]?)value;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListAsync(string folder, CancellationToken cancellationToken = default)
    {
        RunStoreNames.ThrowIfInvalid(folder, nameof(folder));
        var prefix = folder + "/";
        var fields = await _database.HashKeysAsync(Key).WaitAsync(cancellationToken).ConfigureAwait(false);
        return [.. fields
            .Select(f => (string?)f)
            .OfType<string>()
            .Where(f => f.StartsWith(prefix, StringComparison.Ordinal))
            .Select(f => f[prefix.Length..].Split('/')[0])
            .Distinct(StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public async Task<bool> WriteAsync(IReadOnlyList<RunStoreEntry> entries, RunStoreWriteMode mode, CancellationToken cancellationToken = default)
    {
        RunStoreNames.ThrowIfInvalidBatch(entries);
        cancellationToken.ThrowIfCancellationRequested();
        HashEntry[] fields = [.. entries.Select(e => new HashEntry(e.Name, e.Content))];
        if (mode == RunStoreWriteMode.Replace)
        {
            await _database.HashSetAsync(Key, fields).WaitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (_database is not IDatabase database)
        {
            throw new InvalidOperationException("A create-only write needs a transaction: pass an IDatabase, not a batch or transaction, to RedisRunStore.");
        }

        var transaction = database.CreateTransaction();
        transaction.AddCondition(Condition.HashNotExists(Key, entries[0].Name));
        _ = transaction.HashSetAsync(Key, fields);
        return await transaction.ExecuteAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override string ToString() => "redis:" + Key.ToString();
}
