using System.Diagnostics.Metrics;

namespace WebGen;

/// <summary>
/// The agent's instruments on the <c>WebGen.Core</c> meter, made by the host's <see cref="IMeterFactory"/> when there is one
/// (so tests and hosts see only their own measurements), else on one process-wide meter.
/// </summary>
internal sealed class WebGenMetrics
{
    private static readonly Lazy<WebGenMetrics> Shared = new(() => new WebGenMetrics(new Meter(WebGenTelemetry.SourceName)));

    private WebGenMetrics(Meter meter)
    {
        Steps = meter.CreateCounter<long>("webgen.agent.steps", "{step}", "Agent steps completed, by kind and error.");
        Backtracks = meter.CreateCounter<long>("webgen.agent.backtracks", "{backtrack}", "Backtracks after repeated errors or step failures.");
        StepDuration = meter.CreateHistogram<double>("webgen.agent.step.duration", "s", "Wall-clock duration of agent steps, by kind.");
        StageDuration = meter.CreateHistogram<double>("webgen.agent.stage.duration", "s", "Duration of a step's stages (write_files, shell, sandbox, capture, pre_checks, judge, gui_test).");
        Grades = meter.CreateHistogram<int>("webgen.agent.grade", "{grade}", "Grades given (0-5), by kind: screenshot or gui.");
        EpisodesRunning = meter.CreateUpDownCounter<long>("webgen.agent.episodes.running", "{episode}", "Episodes open (started or resumed and not yet disposed).");
        Episodes = meter.CreateCounter<long>("webgen.agent.episodes", "{episode}", "Episodes ended, by stop reason.");
    }

    public Counter<long> Steps { get; }

    public Counter<long> Backtracks { get; }

    public Histogram<double> StepDuration { get; }

    public Histogram<double> StageDuration { get; }

    public Histogram<int> Grades { get; }

    public UpDownCounter<long> EpisodesRunning { get; }

    public Counter<long> Episodes { get; }

    public static WebGenMetrics Create(IMeterFactory? factory) =>
        factory is null ? Shared.Value : new WebGenMetrics(factory.Create(WebGenTelemetry.SourceName));
}
