using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WebGen.Hosting;

/// <summary>Registers the WebGen health checks.</summary>
public static class WebGenHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="WebGenHealthChecks.Chromium"/>, <see cref="WebGenHealthChecks.Node"/>, <see cref="WebGenHealthChecks.Isolation"/>
    /// and <see cref="WebGenHealthChecks.Slots"/>, tagged <see cref="WebGenHealthChecks.Tag"/>. Map them with
    /// <c>app.MapHealthChecks("/health")</c>. The Node and bubblewrap probes start processes, so their results are reused for
    /// <see cref="WebGenHostingOptions.HealthProbeCacheDuration"/>.
    /// </summary>
    /// <param name="builder">The health checks builder (<c>services.AddHealthChecks()</c>).</param>
    public static IHealthChecksBuilder AddWebGenChecks(this IHealthChecksBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        string[] tags = [WebGenHealthChecks.Tag];
        builder.Services.AddOptions<WebGenHostingOptions>();
        builder.Services.AddSingleton<ChromiumHealthCheck>();
        builder.Services.AddSingleton<NodeHealthCheck>();
        builder.Services.AddSingleton<IsolationHealthCheck>();
        builder.Services.AddSingleton<SlotsHealthCheck>();
        return builder
            .AddCheck<ChromiumHealthCheck>(WebGenHealthChecks.Chromium, HealthStatus.Unhealthy, tags)
            .AddCheck<NodeHealthCheck>(WebGenHealthChecks.Node, HealthStatus.Unhealthy, tags)
            .AddCheck<IsolationHealthCheck>(WebGenHealthChecks.Isolation, HealthStatus.Unhealthy, tags)
            .AddCheck<SlotsHealthCheck>(WebGenHealthChecks.Slots, HealthStatus.Unhealthy, tags);
    }
}
