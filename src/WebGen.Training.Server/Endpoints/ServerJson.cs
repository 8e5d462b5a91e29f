using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebGen.Training.Server;

/// <summary>
/// The wire format, fixed whatever JSON settings the hosting app uses: camelCase names, enum values in snake_case
/// (<c>bad_format</c>, <c>max_iterations</c>), unknown request fields rejected so a misspelt field is an error, not a
/// silent default. Markup in answers and feedback is not HTML-escaped: responses are JSON documents, never embedded in a page.
/// </summary>
internal static class ServerJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
