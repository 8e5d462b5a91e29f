using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WebGen.Orleans;

/// <summary>
/// Turn-by-turn episodes on a cluster's worker silos, for an environment server that fronts the cluster (the trainer's
/// policy writes each answer; the worker runs the step with its own sandbox and browser). Each episode takes a slot on
/// the worker with the most free slots, the same slots <see cref="IWebGenCluster"/> runs whole episodes in, so no worker
/// ever holds more episodes than it declared. An episode whose worker dies resumes on another one from its last
/// recorded step (the workers need a shared run store), and the step in progress is redone with the same answer.
/// </summary>
public sealed class WebGenClusterEnvironment
{
    private readonly IGrainFactory _grains;
    private readonly WebGenCluster _cluster;
    private readonly WebGenClusterOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the client.</summary>
    /// <param name="grains">The cluster client (or, inside a silo, its grain factory).</param>
    /// <param name="options">Options (poll wait, placement attempts, how long to wait for workers); defaults when null.</param>
    /// <param name="logger">Logging; none when null.</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    public WebGenClusterEnvironment(IGrainFactory grains, WebGenClusterOptions? options = null, ILogger<WebGenClusterEnvironment>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        _grains = grains;
        _options = options ?? new WebGenClusterOptions();
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _cluster = new WebGenCluster(grains, _options, logger: null, timeProvider: timeProvider);
    }

    /// <summary>The worker silos and their slots.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<IReadOnlyList<WorkerSlots>> GetWorkersAsync(CancellationToken cancellationToken = default) => _cluster.GetWorkersAsync(cancellationToken);

    /// <summary>
    /// Starts an episode on the worker with the most free slots; null when every worker's slots are taken (the caller
    /// decides whether to wait or refuse).
    /// </summary>
    /// <param name="request">The website request (its run id names the episode; one is generated when null).</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <exception cref="ArgumentException">The worker refused the request (empty instruction, bad run id, …).</exception>
    /// <exception cref="InvalidOperationException">An episode with this run id is open or recorded already, or the worker failed to start it.</exception>
    public async Task<ClusterEnvironmentEpisode?> TryStartEpisodeAsync(WebGenRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var runId = request.RunId ?? _cluster.NewRunId();
        var json = JsonSerializer.Serialize(request with { RunId = runId, RunDirectory = null }, ClusterJson.Options);
        var grain = _grains.GetGrain<IEnvironmentEpisodeGrain>(runId);
        for (var attempt = 0; attempt < _options.MaxPlacementAttempts; attempt++)
        {
            if (await _cluster.TryReserveSlotAsync(runId, cancellationToken).ConfigureAwait(false) is not { } silo)
            {
                return null;
            }

            var view = await WebGenCluster.OnSiloAsync(silo, () => grain.StartAsync(json)).WaitAsync(cancellationToken).ConfigureAwait(false);
            switch (view.Status)
            {
                case EnvironmentEpisodeStatus.Ready:
                    return new ClusterEnvironmentEpisode(runId, grain, view, this);
                case EnvironmentEpisodeStatus.NoSlot:
                    // The call reached an activation elsewhere (on its way out) or the slot was taken: reserve again shortly.
                    await Task.Delay(_options.QueueInterval, cancellationToken).ConfigureAwait(false);
                    continue;
                case EnvironmentEpisodeStatus.AlreadyStarted:
                    throw new InvalidOperationException($"An episode with id '{runId}' is already open on the cluster (on silo {view.Silo}).");
                default:
                    throw view.ErrorType == nameof(ArgumentException)
                        ? new ArgumentException(view.Error)
                        : new InvalidOperationException(view.Error ?? $"Episode '{runId}' could not start on silo {view.Silo}.");
            }
        }

        return null;
    }

    internal WebGenClusterOptions Options => _options;

    internal ILogger Logger => _logger;

    /// <summary>
    /// Reserves a slot and resumes the episode there, trying again (a dead silo stays listed, and keeps the episode's
    /// directory entry, until the cluster declares it dead) for up to <see cref="WebGenClusterOptions.WorkersUnavailableTimeout"/>.
    /// </summary>
    internal async Task<EnvironmentEpisodeView> ResumeAsync(string runId, IEnvironmentEpisodeGrain grain, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.WorkersUnavailableTimeout);
        var last = "no worker had a free slot";
        try
        {
            while (true)
            {
                var silo = await _cluster.AcquireSlotAsync(runId, timeout.Token).ConfigureAwait(false);
                var resumed = await WebGenCluster.CallAsync(() => WebGenCluster.OnSiloAsync(silo, grain.ResumeAsync), timeout.Token).ConfigureAwait(false);
                if (resumed.Error is not null)
                {
                    last = resumed.Error.Message;
                    Log.EpisodeLost(_logger, runId, silo, last);
                    await Task.Delay(TimeSpan.FromSeconds(1), timeout.Token).ConfigureAwait(false);
                    continue;
                }

                switch (resumed.Value!.Status)
                {
                    case EnvironmentEpisodeStatus.Ready or EnvironmentEpisodeStatus.AlreadyStarted when resumed.Value.Messages.Count > 0:
                        return resumed.Value;
                    case EnvironmentEpisodeStatus.NotFound:
                        throw new InvalidOperationException($"The cluster's run store holds no run '{runId}' to resume: give every worker the same shared run store (RedisRunStoreFactory).");
                    case EnvironmentEpisodeStatus.Failed:
                        throw new InvalidOperationException($"Episode '{runId}' could not resume on silo {resumed.Value.Silo}: {resumed.Value.Error}");
                    default:
                        // The call reached an activation on its way out, or the slot was taken: place it again shortly.
                        last = $"silo {resumed.Value.Silo} answered {resumed.Value.Status}";
                        await Task.Delay(_options.QueueInterval, timeout.Token).ConfigureAwait(false);
                        continue;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"Episode '{runId}' found no worker to resume on within {_options.WorkersUnavailableTimeout.TotalSeconds:0} s; last: {last}.");
        }
    }
}
