using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WebGen;

/// <summary>The one <see cref="ActivitySource"/> and <see cref="Meter"/> of WebGen.Core, both named <c>WebGen.Core</c>.</summary>
public static class WebGenTelemetry
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string SourceName = "WebGen.Core";

    internal static readonly ActivitySource ActivitySource = new(SourceName);

    internal static readonly Meter Meter = new(SourceName);

    internal static readonly Counter<long> Steps = Meter.CreateCounter<long>("webgen.agent.steps", description: "Agent steps completed, tagged by kind and error.");

    internal static readonly Counter<long> Backtracks = Meter.CreateCounter<long>("webgen.agent.backtracks", description: "Backtracks after repeated errors or step failures.");

    internal static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>("webgen.agent.step.duration", unit: "s", description: "Wall-clock duration of agent steps.");
}
