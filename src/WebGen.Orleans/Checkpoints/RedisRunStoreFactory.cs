using StackExchange.Redis;

namespace WebGen.Orleans;

/// <summary>
/// Checkpoints every run in Redis (<see cref="RedisRunStore"/>); register it with
/// <c>builder.UseRunStore(new RedisRunStoreFactory(connection))</c> so any worker can resume any run.
/// </summary>
public sealed class RedisRunStoreFactory : IRunStoreFactory
{
    /// <summary>The default key prefix, <c>webgen:</c>.</summary>
    public const string DefaultKeyPrefix = "webgen:";

    private readonly IConnectionMultiplexer _connection;
    private readonly string _keyPrefix;

    /// <summary>Creates the factory over a Redis connection (shared by all runs).</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="keyPrefix">Prefix of every run's key.</param>
    public RedisRunStoreFactory(IConnectionMultiplexer connection, string keyPrefix = DefaultKeyPrefix)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(keyPrefix);
        _connection = connection;
        _keyPrefix = keyPrefix;
    }

    /// <inheritdoc />
    public IRunStore Open(string runId, string runDirectory) => new RedisRunStore(_connection.GetDatabase(), runId, _keyPrefix);
}
