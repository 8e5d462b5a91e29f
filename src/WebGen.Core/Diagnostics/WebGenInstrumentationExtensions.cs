using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using WebGen;

namespace OpenTelemetry.Trace
{
    /// <summary>Adds WebGen's activity sources to an OpenTelemetry tracer provider.</summary>
    public static class WebGenTracerProviderBuilderExtensions
    {
        /// <summary>
        /// Collects every WebGen span: <c>invoke_agent</c> runs, steps and their <c>execute_tool</c> stages, <c>chat</c> model
        /// calls, sandbox stages, captures and GUI-agent runs (the sources in <see cref="WebGenTelemetry.SourceNames"/>).
        /// </summary>
        /// <param name="builder">The tracer provider builder.</param>
        public static TracerProviderBuilder AddWebGenInstrumentation(this TracerProviderBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            return builder.AddSource([.. WebGenTelemetry.SourceNames]);
        }
    }
}

namespace OpenTelemetry.Metrics
{
    /// <summary>Adds WebGen's meters to an OpenTelemetry meter provider.</summary>
    public static class WebGenMeterProviderBuilderExtensions
    {
        /// <summary>
        /// Collects every WebGen metric: steps, stage and step durations, grades, episodes running and ended, model token usage
        /// and durations (<c>gen_ai.client.*</c>), sandbox stages and installs, captures (the meters in
        /// <see cref="WebGenTelemetry.SourceNames"/>).
        /// </summary>
        /// <param name="builder">The meter provider builder.</param>
        public static MeterProviderBuilder AddWebGenInstrumentation(this MeterProviderBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            return builder.AddMeter([.. WebGenTelemetry.SourceNames]);
        }
    }
}
