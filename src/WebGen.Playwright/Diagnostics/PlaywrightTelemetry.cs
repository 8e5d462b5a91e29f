using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WebGen.Playwright;

/// <summary>
/// The package's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <c>WebGen.Playwright</c>:
/// add that name to your OpenTelemetry tracer and meter providers to collect captures and GUI-agent runs.
/// </summary>
public static class PlaywrightTelemetry
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "WebGen.Playwright";

    internal static readonly ActivitySource Source = new(Name);

    internal static readonly Meter Meter = new(Name);

    internal static readonly Histogram<double> CaptureDuration = Meter.CreateHistogram<double>(
        "webgen.playwright.capture.duration", "s", "Time to load, settle and capture a page.");

    internal static readonly Counter<long> AgentActions = Meter.CreateCounter<long>(
        "webgen.playwright.gui_agent.actions", "{action}", "Actions taken by the GUI agent.");

    internal static readonly Counter<long> BrowserLaunches = Meter.CreateCounter<long>(
        "webgen.playwright.browser.launches", "{launch}", "Browsers launched or connected (more than one per process means a crash was recovered).");
}
