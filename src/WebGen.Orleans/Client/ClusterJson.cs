using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebGen.Orleans;

/// <summary>How requests and events cross the cluster: JSON, the same shape a local run's events have over HTTP.</summary>
internal static class ClusterJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        return options;
    }
}
