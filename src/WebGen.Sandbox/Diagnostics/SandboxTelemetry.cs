using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WebGen.Sandbox.Diagnostics;

/// <summary>The package's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named <c>WebGen.Sandbox</c>.</summary>
internal static class SandboxTelemetry
{
    public const string Name = "WebGen.Sandbox";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Histogram<double> StageDuration = Meter.CreateHistogram<double>(
        "webgen.sandbox.stage.duration", unit: "s", description: "Duration of sandbox stages (install, start, shell).");

    private static readonly Counter<long> Installs = Meter.CreateCounter<long>(
        "webgen.sandbox.installs", "{install}", "Dependency installs by outcome: Skipped (dependencies unchanged), Succeeded or Failed.");

    public static void RecordStage(string stage, SandboxStageStatus status, TimeSpan duration)
    {
        StageDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("stage", stage), new KeyValuePair<string, object?>("status", status.ToString()));
        if (stage == "install")
        {
            Installs.Add(1, new KeyValuePair<string, object?>("status", status.ToString()));
        }
    }
}
