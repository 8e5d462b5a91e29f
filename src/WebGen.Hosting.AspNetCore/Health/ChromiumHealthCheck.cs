using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WebGen.Hosting.WarmUp;
using WebGen.Playwright;

namespace WebGen.Hosting;

/// <summary>Gets the shared browser (launching it once when the warm-up has not): Healthy when it is connected.</summary>
internal sealed class ChromiumHealthCheck(IServiceProvider services) : IHealthCheck
{
    private static readonly TimeSpan LaunchBudget = TimeSpan.FromSeconds(30);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<PlaywrightBrowserProvider>() is not { } provider)
        {
            return HealthCheckResult.Healthy("No Playwright browser is registered; screenshots come from " + (services.GetService<IPageCapturer>()?.GetType().Name ?? "no page capturer") + ".");
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(LaunchBudget);
        try
        {
            var browser = await provider.GetBrowserAsync(budget.Token).ConfigureAwait(false);
            var data = new Dictionary<string, object> { ["version"] = browser.Version, ["launches"] = provider.LaunchCount };
            if (provider.ExecutablePath is { } path)
            {
                data["executable"] = path;
            }

            return browser.IsConnected
                ? HealthCheckResult.Healthy($"Chromium {browser.Version} is connected.", data)
                : HealthCheckResult.Unhealthy("The shared browser is not connected.", data: data);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Chromium did not launch within {LaunchBudget.TotalSeconds:0} s.");
        }
#pragma warning disable CA1031 // Any launch failure is the check's answer.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var warmUp = services.GetService<WebGenWarmUp>()?.Browser?.Failure;
            return HealthCheckResult.Unhealthy(ex.Message + (warmUp is null || warmUp == ex.Message ? "" : " (warm-up: " + warmUp + ")"), ex);
        }
    }
}
