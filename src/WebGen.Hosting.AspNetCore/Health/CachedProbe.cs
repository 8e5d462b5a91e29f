using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WebGen.Hosting;

/// <summary>
/// Reuses a probe's result for a while: probes that start processes must not run on every health request. Concurrent callers
/// share one probe in flight.
/// </summary>
internal sealed class CachedProbe(TimeProvider time, TimeSpan duration, Func<CancellationToken, Task<HealthCheckResult>> probe)
{
    private readonly Lock _gate = new();
    private Task<HealthCheckResult>? _current;
    private DateTimeOffset _startedAt;

    public Task<HealthCheckResult> GetAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var stale = _current is null || _current.IsFaulted || _current.IsCanceled || (_current.IsCompleted && now - _startedAt >= duration);
            if (stale)
            {
                // The probe is shared, so one caller's cancellation must not cancel it for the others.
                _current = Task.Run(() => probe(CancellationToken.None), CancellationToken.None);
                _startedAt = now;
            }

            return _current!.WaitAsync(cancellationToken);
        }
    }
}
