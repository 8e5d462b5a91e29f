using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace WebGen.Training.Server;

/// <summary>
/// Reads a JSON request body. Handlers read bodies themselves (rather than through parameter binding) so that
/// authentication runs first and malformed JSON gets a problem response that says what is wrong.
/// </summary>
internal static class RequestBody
{
    public static Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext context)
        where T : class => ReadAsync<T>(context, ServerJson.Options);

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext context, JsonSerializerOptions options)
        where T : class
    {
        if (!context.Request.HasJsonContentType())
        {
            return (null, Problems.Create(
                StatusCodes.Status415UnsupportedMediaType,
                "Unsupported media type",
                $"Send the body as JSON with 'Content-Type: application/json' (got '{context.Request.ContentType ?? "no content type"}')."));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, options, context.RequestAborted).ConfigureAwait(false);
            return value is null
                ? (null, Problems.Create(StatusCodes.Status400BadRequest, "Malformed request body", "The body is JSON null; send a JSON object."))
                : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.Create(StatusCodes.Status400BadRequest, "Malformed request body", "The body is not valid JSON for this request: " + ex.Message));
        }
    }
}
