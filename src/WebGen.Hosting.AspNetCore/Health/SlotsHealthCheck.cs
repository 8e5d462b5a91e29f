using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WebGen.Hosting;

/// <summary>Reports whether a run submitted now would start (Healthy), wait (Degraded) or be refused (Unhealthy).</summary>
internal sealed class SlotsHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<WebGenRunQueue>() is not { } queue)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The run queue is not registered: call services.AddWebGenHosting()."));
        }

        var (running, queued, limits) = (queue.Running, queue.Queued, queue.Options);
        var data = new Dictionary<string, object>
        {
            ["running"] = running,
            ["queued"] = queued,
            ["maxConcurrentRuns"] = limits.MaxConcurrentRuns,
            ["maxQueuedRuns"] = limits.MaxQueuedRuns,
        };
        var free = limits.MaxConcurrentRuns - running;
        var result = queue.IsShuttingDown ? HealthCheckResult.Unhealthy("The server is stopping and accepts no runs.", data: data)
            : free > 0 && queued == 0 ? HealthCheckResult.Healthy($"{free} of {limits.MaxConcurrentRuns} slots free.", data)
            : running + queued < limits.MaxConcurrentRuns + limits.MaxQueuedRuns ? HealthCheckResult.Degraded($"Every slot is busy; {queued} of {limits.MaxQueuedRuns} queue places taken.", data: data)
            : HealthCheckResult.Unhealthy($"Every slot is busy and the queue is full ({queued} waiting): new runs are refused.", data: data);
        return Task.FromResult(result);
    }
}
