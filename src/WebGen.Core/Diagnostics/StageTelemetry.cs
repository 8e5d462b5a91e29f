using System.Diagnostics;

namespace WebGen;

/// <summary>
/// The <c>execute_tool</c> span and duration of one built-in stage's own work (its continuation runs after the scope ends,
/// so stages are siblings under the step's span, not nested in each other).
/// </summary>
internal readonly struct StageTelemetry : IDisposable
{
    private readonly Activity? _activity;
    private readonly WebGenMetrics _metrics;
    private readonly string _stage;
    private readonly long _started;

    private StageTelemetry(StepContext context, string stage)
    {
        _metrics = context.Metrics;
        _stage = stage;
        _started = Stopwatch.GetTimestamp();
        _activity = WebGenTelemetry.ActivitySource.StartActivity("execute_tool " + stage, ActivityKind.Internal);
        if (_activity is not null)
        {
            _activity.SetTag("gen_ai.operation.name", "execute_tool");
            _activity.SetTag("gen_ai.tool.name", stage);
            _activity.SetTag("webgen.run_id", context.RunId);
            _activity.SetTag("webgen.step", context.Step);
        }
    }

    public Activity? Activity => _activity;

    public static StageTelemetry Start(StepContext context, string stage) => new(context, stage);

    /// <summary>Marks the stage's span as failed with <paramref name="reason"/>.</summary>
    public void Fail(string reason)
    {
        _activity?.SetStatus(ActivityStatusCode.Error, reason);
        _activity?.SetTag("error.type", "stage_failed");
    }

    public void Dispose()
    {
        _metrics.StageDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, new KeyValuePair<string, object?>("webgen.stage", _stage));
        _activity?.Dispose();
    }
}
