using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;

namespace WebGen.Orleans;

/// <summary>
/// The default <see cref="IWebGenCluster"/>: reserves a slot on the worker silo with the most free slots (waiting while
/// every silo is full), places the episode there, and polls its events. When the silo is lost, it reserves a slot
/// elsewhere and the episode resumes there from its last checkpoint: the client sees a second
/// <see cref="RunStartedEvent"/> with <see cref="RunStartedEvent.IsResume"/> set, and the steps already recorded are
/// not run again.
/// </summary>
public sealed class WebGenCluster : IWebGenCluster
{
    private readonly IGrainFactory _grains;
    private readonly WebGenClusterOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly IRunStoreFactory? _runStores;

    /// <summary>Creates the client.</summary>
    /// <param name="grains">The cluster client (or, inside a silo, its grain factory).</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <param name="runStores">The cluster's shared run store, to copy completed runs into <see cref="WebGenClusterOptions.RunsDirectory"/>; none when null.</param>
    /// <param name="logger">Logging; none when null.</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    public WebGenCluster(IGrainFactory grains, WebGenClusterOptions? options = null, IRunStoreFactory? runStores = null, ILogger<WebGenCluster>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        _grains = grains;
        _runStores = runStores;
        _options = options ?? new WebGenClusterOptions();
        ClusterOptionsValidator.ThrowIfInvalid(_options);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<WebGenEvent> RunStreamingAsync(WebGenRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var runId = request.RunId ?? NewRunId();
        var json = JsonSerializer.Serialize(request with { RunId = runId, RunDirectory = null }, ClusterJson.Options);
        return StreamAsync(runId, json, cancellationToken);
    }

    /// <summary>A fresh run id, as a local run makes one.</summary>
    internal string NewRunId() => _timeProvider.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];

    /// <summary>Continues a run the cluster's store holds; <paramref name="runDirectory"/> is its run id or any path ending in it.</summary>
    /// <param name="runDirectory">The run id, or a run directory named after it.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public IAsyncEnumerable<WebGenEvent> ResumeStreamingAsync(string runDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDirectory);
        return StreamAsync(Path.GetFileName(Path.TrimEndingDirectorySeparator(runDirectory)), null, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkerSlots>> GetWorkersAsync(CancellationToken cancellationToken = default)
    {
        var management = _grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(true, cancellationToken).ConfigureAwait(false);
        var workers = await Task.WhenAll(hosts.Keys.Select(async silo =>
        {
            try
            {
                return await _grains.GetGrain<IWorkerSlotsGrain>(silo.ToParsableString()).GetAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return null; // the silo went away, or hosts no worker
            }
        })).ConfigureAwait(false);
        return [.. workers.OfType<WorkerSlots>().OrderBy(w => w.Silo, StringComparer.Ordinal)];
    }

    private async IAsyncEnumerable<WebGenEvent> StreamAsync(string runId, string? requestJson, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var grain = _grains.GetGrain<IWebGenEpisodeGrain>(runId);
        var activation = Guid.Empty;
        var cursor = 0;
        var losses = 0;
        var ended = false;
        try
        {
            while (true)
            {
                var silo = await AcquireSlotAsync(runId, cancellationToken).ConfigureAwait(false);
                var start = await CallAsync(() => StartOnAsync(grain, silo, requestJson), cancellationToken).ConfigureAwait(false);
                if (start.Error is not null || start.Value!.Status == EpisodeStartStatus.NoSlot)
                {
                    Lost(runId, silo, start.Error?.Message ?? "its slot was taken", ref losses);
                    continue;
                }

                if (start.Value.Status == EpisodeStartStatus.NotFound)
                {
                    ended = true;
                    throw new InvalidOperationException($"The cluster's run store holds no run '{runId}' to resume.");
                }

                if (start.Value.Activation != activation)
                {
                    activation = start.Value.Activation;
                    cursor = 0;
                }

                while (true)
                {
                    var poll = await CallAsync(() => grain.PollAsync(cursor, _options.PollWait), cancellationToken).ConfigureAwait(false);
                    if (poll.Error is not null || poll.Value!.Activation != activation)
                    {
                        Lost(runId, start.Value.Silo, poll.Error?.Message ?? "the episode was re-activated without its run", ref losses);
                        break;
                    }

                    var batch = poll.Value;
                    foreach (var json in batch.Events)
                    {
                        cursor++;
                        var e = JsonSerializer.Deserialize<WebGenEvent>(json, ClusterJson.Options)!;
                        if (e is RunCompletedEvent completed && _options.RunsDirectory is { } runs && _runStores is { } stores)
                        {
                            var local = Path.GetFullPath(Path.Combine(runs, runId));
                            e = completed with { Result = await RunMirror.CopyAsync(stores.Open(runId, local), local, completed.Result, cancellationToken).ConfigureAwait(false) };
                        }

                        yield return e;
                    }

                    if (batch.State == EpisodeRunState.Running)
                    {
                        losses = 0;
                        continue;
                    }

                    ended = true;
                    switch (batch.State)
                    {
                        case EpisodeRunState.Completed:
                            yield break;
                        case EpisodeRunState.Cancelled:
                            throw new OperationCanceledException($"Run {runId} was cancelled on its silo.");
                        case EpisodeRunState.Failed:
                            throw new InvalidOperationException($"Run {runId} failed on silo {start.Value.Silo}: {batch.Error}");
                        default:
                            ended = false;
                            Lost(runId, start.Value.Silo, "its silo no longer runs it", ref losses);
                            break;
                    }

                    break;
                }
            }
        }
        finally
        {
            if (!ended)
            {
                // The caller cancelled or stopped listening: stop the run on its silo too, as a local run would stop.
                try
                {
                    await grain.CancelAsync().WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    Log.EpisodeLost(_logger, runId, "?", "could not cancel: " + ex.Message);
                }
            }
        }
    }

    private static Task<EpisodeStart> StartOnAsync(IWebGenEpisodeGrain grain, string silo, string? requestJson) => OnSiloAsync(silo, () => grain.StartAsync(requestJson));

    private void Lost(string runId, string silo, string reason, ref int losses)
    {
        Log.EpisodeLost(_logger, runId, silo, reason);
        if (++losses > _options.MaxPlacementAttempts)
        {
            throw new InvalidOperationException($"Run {runId} could not be kept on a worker after {_options.MaxPlacementAttempts} attempts; last: {reason}.");
        }
    }

    /// <summary>Reserves a slot on the worker with the most free slots, now; null when every worker is full.</summary>
    internal async Task<string?> TryReserveSlotAsync(string runId, CancellationToken cancellationToken)
    {
        var workers = await GetWorkersAsync(cancellationToken).ConfigureAwait(false);
        return await ReserveOnAnyAsync(workers, runId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reserves a slot on the worker with the most free slots; waits while the cluster is full.</summary>
    internal async Task<string> AcquireSlotAsync(string runId, CancellationToken cancellationToken)
    {
        var logged = false;
        long? unavailableSince = null;
        while (true)
        {
            // Listing the workers asks the management grain, which lives on one silo: when that silo dies the call fails
            // until the cluster has declared it dead and the grain is re-activated elsewhere. Ask again meanwhile.
            var workers = await CallAsync(() => GetWorkersAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            if (workers.Error is not null)
            {
                unavailableSince ??= _timeProvider.GetTimestamp();
                if (_timeProvider.GetElapsedTime(unavailableSince.Value) > _options.WorkersUnavailableTimeout)
                {
                    throw new InvalidOperationException(
                        $"Run {runId} found no worker: the cluster could not list its workers for {_options.WorkersUnavailableTimeout.TotalSeconds:0} s; last: {workers.Error.Message}", workers.Error);
                }

                Log.WorkersUnavailable(_logger, runId, workers.Error.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), _timeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }

            unavailableSince = null;
            if (await ReserveOnAnyAsync(workers.Value!, runId, cancellationToken).ConfigureAwait(false) is { } silo)
            {
                return silo;
            }

            if (!logged)
            {
                Log.Queued(_logger, runId);
                logged = true;
            }

            await Task.Delay(_options.QueueInterval, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Calls the cluster; a failure other than the caller's cancellation is returned, for the caller to place the episode again.</summary>
    internal static async Task<Outcome<T>> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return new Outcome<T>(await call().WaitAsync(cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            return new Outcome<T>(default, ex);
        }
    }

    private async Task<string?> ReserveOnAnyAsync(IReadOnlyList<WorkerSlots> workers, string runId, CancellationToken cancellationToken)
    {
        foreach (var worker in workers.Where(w => w.Free > 0).OrderByDescending(w => w.Free))
        {
            var reserved = await CallAsync(() => _grains.GetGrain<IWorkerSlotsGrain>(worker.Silo).TryReserveAsync(runId), cancellationToken).ConfigureAwait(false);
            if (reserved.Value)
            {
                return worker.Silo;
            }
        }

        return null;
    }

    /// <summary>Places a grain call on <paramref name="silo"/> (the silo whose slot was reserved).</summary>
    internal static async Task<T> OnSiloAsync<T>(string silo, Func<Task<T>> call)
    {
        RequestContext.Set(EpisodeSlotPlacement.HintKey, silo);
        try
        {
            return await call().ConfigureAwait(false);
        }
        finally
        {
            RequestContext.Remove(EpisodeSlotPlacement.HintKey);
        }
    }

    internal readonly record struct Outcome<T>(T? Value, Exception? Error);
}
