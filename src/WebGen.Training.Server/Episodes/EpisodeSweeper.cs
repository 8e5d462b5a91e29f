using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WebGen.Training.Server;

/// <summary>
/// Checks at start-up that the episode host can serve episodes, removes idle episodes on a timer of the injected
/// <see cref="TimeProvider"/>, cancels running steps as soon as the host begins to stop, and disposes every episode.
/// </summary>
internal sealed class EpisodeSweeper(EpisodeRegistry registry, IServiceProvider services, ILogger<EpisodeSweeper> logger) : IHostedService, IAsyncDisposable
{
    private CancellationTokenRegistration _onStopping;
    private static readonly TimeSpan ShortestInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestInterval = TimeSpan.FromMinutes(1);
    private readonly CancellationTokenSource _stopping = new();
    private PeriodicTimer? _timer;
    private Task? _loop;

    /// <summary>A quarter of the idle timeout, between 1 second and 1 minute: an idle episode lives at most 25% longer than the timeout.</summary>
    public static TimeSpan IntervalFor(TimeSpan idleTimeout) => TimeSpan.FromTicks(Math.Clamp(idleTimeout.Ticks / 4, ShortestInterval.Ticks, LongestInterval.Ticks));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<IEpisodeHost>().EnsureReady();

        // The server stops before hosted services do and waits for in-flight requests; cancelling the steps when stopping
        // begins lets those requests end at once.
        if (services.GetService<IHostApplicationLifetime>() is { } lifetime)
        {
            _onStopping = lifetime.ApplicationStopping.Register(registry.BeginShutdown);
        }

        // The timer is created before start-up returns so that a fake clock advanced right after start is seen.
        _timer = new PeriodicTimer(IntervalFor(registry.Options.IdleTimeout), registry.Time);
        _loop = SweepLoopAsync(_timer, _stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        await registry.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _onStopping.DisposeAsync().ConfigureAwait(false);
        _timer?.Dispose();
        _stopping.Dispose();
    }

    private async Task SweepLoopAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await registry.SweepAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                {
                    Log.SweepFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
