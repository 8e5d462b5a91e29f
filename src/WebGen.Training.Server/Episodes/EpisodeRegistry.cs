using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WebGen.Training.Server;

/// <summary>
/// The open episodes: bounds how many hold a sandbox at once, reserves client-chosen ids while episodes start, and
/// disposes episodes that are deleted, idle too long or left open when the server stops.
/// </summary>
internal sealed class EpisodeRegistry : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, HostedEpisode> _episodes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _startingIds = new(StringComparer.Ordinal);
    private readonly EnvironmentServerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private int _liveCount;
    private volatile bool _closed;

    public EpisodeRegistry(IOptions<EnvironmentServerOptions> options, TimeProvider time, ILogger<EpisodeRegistry> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public EnvironmentServerOptions Options => _options;

    public TimeProvider Time => _time;

    public bool IsClosed => _closed;

    public bool TryReserveSlot()
    {
        while (true)
        {
            var current = Volatile.Read(ref _liveCount);
            if (current >= _options.MaxConcurrentEpisodes)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _liveCount, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    public void ReleaseSlot() => Interlocked.Decrement(ref _liveCount);

    public bool TryReserveId(string id)
    {
        lock (_startingIds)
        {
            return !_episodes.ContainsKey(id) && _startingIds.Add(id);
        }
    }

    public void ReleaseId(string id)
    {
        lock (_startingIds)
        {
            _startingIds.Remove(id);
        }
    }

    public bool TryAdd(HostedEpisode episode) => !_closed && _episodes.TryAdd(episode.Id, episode);

    public HostedEpisode? Find(string id) => _episodes.GetValueOrDefault(id);

    /// <summary>Removes the episode, cancels its running step, waits for it to end and disposes the episode.</summary>
    public async Task<bool> RemoveAsync(string id, string reason)
    {
        if (!_episodes.TryRemove(id, out var episode))
        {
            return false;
        }

        await EndAsync(episode, reason).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Removes this very episode, as <see cref="RemoveAsync(string, string)"/> does; false when it is gone already (and a
    /// newer episode that took its id stays untouched).
    /// </summary>
    public async Task<bool> RemoveAsync(HostedEpisode episode, string reason)
    {
        if (!_episodes.TryRemove(KeyValuePair.Create(episode.Id, episode)))
        {
            return false;
        }

        await EndAsync(episode, reason).ConfigureAwait(false);
        return true;
    }

    private async Task EndAsync(HostedEpisode episode, string reason)
    {
        var id = episode.Id;
        await episode.Lifetime.CancelAsync().ConfigureAwait(false);
        await episode.Gate.WaitAsync().ConfigureAwait(false);
        Log.EpisodeRemoved(_logger, id, reason);
        await ReleaseResourcesAsync(episode).ConfigureAwait(false);
    }

    /// <summary>Disposes the episode's sandbox and browser session and frees its slot; the first call only.</summary>
    public async Task ReleaseResourcesAsync(HostedEpisode episode)
    {
        if (!episode.TryClaimRelease())
        {
            return;
        }

        try
        {
            await episode.Episode.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.DisposeFailed(_logger, episode.Id, ex);
        }
        finally
        {
            ReleaseSlot();
        }
    }

    /// <summary>Removes every episode with no request for <see cref="EnvironmentServerOptions.IdleTimeout"/>; a running step is activity.</summary>
    public async Task SweepAsync()
    {
        var now = _time.GetUtcNow();
        foreach (var episode in _episodes.Values)
        {
            if (now - episode.LastActivity < _options.IdleTimeout || !episode.Gate.Wait(0))
            {
                continue;
            }

            if (now - episode.LastActivity < _options.IdleTimeout || !_episodes.TryRemove(KeyValuePair.Create(episode.Id, episode)))
            {
                episode.Gate.Release();
                continue;
            }

            await episode.Lifetime.CancelAsync().ConfigureAwait(false);
            Log.EpisodeExpired(_logger, episode.Id, now - episode.LastActivity);
            await ReleaseResourcesAsync(episode).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Refuses new episodes and cancels every running step, so in-flight step requests answer at once instead of
    /// holding up the server's shutdown.
    /// </summary>
    public void BeginShutdown()
    {
        _closed = true;
        foreach (var episode in _episodes.Values)
        {
            episode.Lifetime.Cancel();
        }
    }

    /// <summary>Refuses new episodes and disposes every open one (running steps are cancelled first).</summary>
    public async ValueTask DisposeAsync()
    {
        _closed = true;
        await Task.WhenAll(_episodes.Keys.Select(id => RemoveAsync(id, "the server is stopping"))).ConfigureAwait(false);
    }
}
