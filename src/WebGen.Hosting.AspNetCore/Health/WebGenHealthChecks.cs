namespace WebGen.Hosting;

/// <summary>The names and tag of the health checks registered by <see cref="WebGenHealthChecksBuilderExtensions.AddWebGenChecks"/>.</summary>
public static class WebGenHealthChecks
{
    /// <summary>The tag every WebGen check carries (filter with <c>HealthCheckOptions.Predicate</c>).</summary>
    public const string Tag = "webgen";

    /// <summary>Chromium launches (or the shared browser is connected): screenshots and GUI tests can run.</summary>
    public const string Chromium = "webgen-chromium";

    /// <summary>Node.js 20+ and npm answer: sites can be installed and started.</summary>
    public const string Node = "webgen-node";

    /// <summary>bubblewrap isolation works (Degraded when isolation was turned off, Unhealthy when it is required but unavailable).</summary>
    public const string Isolation = "webgen-isolation";

    /// <summary>A submitted run would start now (Healthy), wait in the queue (Degraded) or be refused (Unhealthy).</summary>
    public const string Slots = "webgen-slots";
}
