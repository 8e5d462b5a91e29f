using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace WebGen.Training.Server;

/// <summary>
/// Why an episode operation was refused or failed, independent of the transport: the HTTP endpoints answer it as a
/// problem response, the OpenEnv WebSocket session as an error message.
/// </summary>
internal sealed record class EpisodeFailure
{
    public required int Status { get; init; }

    public required string Title { get; init; }

    public required string Detail { get; init; }

    /// <summary>Invalid fields and what is wrong with each, for 400 answers.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>Seconds to wait before retrying, for 429 answers.</summary>
    public int? RetryAfterSeconds { get; init; }

    public static EpisodeFailure Create(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    public static EpisodeFailure NotFound(string id) => Create(
        StatusCodes.Status404NotFound,
        "Episode not found",
        $"No episode has id '{id}': it never existed, was deleted, or expired after being idle. Start one with POST /episodes (or /reset).");

    /// <summary>The problem response of this failure; sets <c>Retry-After</c> when there is a delay.</summary>
    public IResult ToResult(HttpContext context)
    {
        if (RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return Errors is null
            ? Problems.Create(Status, Title, Detail)
            : Results.ValidationProblem(Errors, detail: Detail, title: Title);
    }
}
