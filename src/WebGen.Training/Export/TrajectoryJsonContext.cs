using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebGen.Training;

/// <summary>Source-generated JSON metadata for the JSONL format: snake_case names, snake_case enum values, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    Converters = [typeof(SnakeCaseEnumConverter<TrajectoryRole>), typeof(SnakeCaseEnumConverter<StepKind>), typeof(SnakeCaseEnumConverter<WebGenStopReason>), typeof(SnakeCaseEnumConverter<AdvantageEstimator>)])]
[JsonSerializable(typeof(Trajectory))]
internal sealed partial class TrajectoryJsonContext : JsonSerializerContext
{
    /// <summary>The context used by the JSONL reader and writer: Bolt markup stays readable (no \u003C escapes).</summary>
    public static TrajectoryJsonContext Relaxed => LazyInitializer.EnsureInitialized(ref relaxed, CreateRelaxed);

    private static TrajectoryJsonContext? relaxed;

    private static TrajectoryJsonContext CreateRelaxed()
    {
        var options = new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return new TrajectoryJsonContext(options);
    }
}
