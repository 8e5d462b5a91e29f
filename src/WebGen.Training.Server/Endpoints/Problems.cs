using Microsoft.AspNetCore.Http;

namespace WebGen.Training.Server;

/// <summary>RFC 7807 problem responses of the server.</summary>
internal static class Problems
{
    public static IResult Create(int status, string title, string detail) => Results.Problem(statusCode: status, title: title, detail: detail);

    public static IResult Invalid(string detail, string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: detail, title: "Invalid request");

    public static IResult EpisodeNotFound(string id)
    {
        var failure = EpisodeFailure.NotFound(id);
        return Create(failure.Status, failure.Title, failure.Detail);
    }
}
