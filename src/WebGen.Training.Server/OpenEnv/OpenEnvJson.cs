using System.Text.Json;

namespace WebGen.Training.Server;

/// <summary>
/// The wire format of the OpenEnv surface: the native endpoints' format (<see cref="ServerJson"/>: unknown request fields
/// rejected, enum values in snake_case, markup not HTML-escaped) with snake_case property names, as OpenEnv's pydantic
/// models use them (<c>episode_id</c>, <c>step_count</c>).
/// </summary>
internal static class OpenEnvJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(ServerJson.Options)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
