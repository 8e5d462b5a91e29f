using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using WebGen.Sandbox;

namespace WebGen.Hosting;

/// <summary>
/// Checks the sandbox's operating-system boundary: Healthy when bubblewrap works, Unhealthy when isolation is required but
/// unavailable (every run would fail to open its sandbox), Degraded when isolation was turned off.
/// </summary>
internal sealed class IsolationHealthCheck : IHealthCheck
{
    private readonly IServiceProvider _services;
    private readonly CachedProbe _probe;

    public IsolationHealthCheck(IServiceProvider services, IOptions<WebGenHostingOptions> options, TimeProvider? time = null)
    {
        _services = services;
        _probe = new CachedProbe(time ?? TimeProvider.System, options.Value.HealthProbeCacheDuration, ProbeAsync);
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) => _probe.GetAsync(cancellationToken);

    private Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        if (_services.GetService<ISandbox>() is not LocalNodeSandbox)
        {
            return Task.FromResult(HealthCheckResult.Healthy("The sandbox is " + (_services.GetService<ISandbox>()?.GetType().Name ?? "not registered") + ", not the local Node sandbox; its isolation is its own."));
        }

        var options = _services.GetRequiredService<IOptions<LocalSandboxOptions>>().Value;
        if (options.Isolation == SandboxIsolation.None)
        {
            return Task.FromResult(HealthCheckResult.Degraded("Isolation is off (WebGen:Sandbox:Isolation = None): model-written code runs with this host user's rights and network."));
        }

        // The probe starts bwrap (a few milliseconds); run it off the request thread.
        return Task.Run(
            () => LocalNodeSandbox.IsIsolationAvailable(out var problem, options.BubblewrapPath)
                ? HealthCheckResult.Healthy("bubblewrap isolation works (user, pid and network namespaces).")
                : HealthCheckResult.Unhealthy("Isolation is required (WebGen:Sandbox:Isolation = " + options.Isolation + ") but unavailable: " + problem),
            cancellationToken);
    }
}
