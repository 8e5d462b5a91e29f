namespace WebGen.Training.Server;

/// <summary>
/// An episode served over HTTP. An episode (<see cref="IServedEpisode"/>) takes one step at a time, so every step holds <see cref="Gate"/>;
/// readers use <see cref="Snapshot"/>, replaced whole after each step.
/// </summary>
internal sealed class HostedEpisode
{
    private long _lastActivityTicks;
    private int _resourcesReleased;
    private volatile EpisodeSnapshot _snapshot;

    public HostedEpisode(IServedEpisode episode, DateTimeOffset now)
    {
        Episode = episode;
        _lastActivityTicks = now.UtcTicks;
        _snapshot = new EpisodeSnapshot { Steps = 0, Rewards = [], Messages = Observations.From(episode.Messages) };
    }

    public string Id => Episode.Id;

    public IServedEpisode Episode { get; }

    public int MaxSteps => Episode.MaxSteps;

    /// <summary>Held while a step runs (and forever once the episode is removed).</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Cancelled when the episode is deleted, expires or the server stops; cancels a running step.</summary>
    public CancellationTokenSource Lifetime { get; } = new();

    public EpisodeSnapshot Snapshot
    {
        get => _snapshot;
        set => _snapshot = value;
    }

    public DateTimeOffset LastActivity => new(Interlocked.Read(ref _lastActivityTicks), TimeSpan.Zero);

    public bool IsStepping => Gate.CurrentCount == 0 && !Lifetime.IsCancellationRequested;

    public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _lastActivityTicks, now.UtcTicks);

    /// <summary>True the first time only: the sandbox and the concurrency slot are released once.</summary>
    public bool TryClaimRelease() => Interlocked.Exchange(ref _resourcesReleased, 1) == 0;
}
