namespace WebGen.Training.Server;

/// <summary>
/// The <c>data</c> of an <c>error</c> message: OpenEnv's <c>message</c> and <c>code</c> (its <c>WSErrorCode</c> values), plus
/// the HTTP status the same failure gets on the HTTP routes, the invalid fields and, when the server is full, seconds to wait.
/// </summary>
internal sealed record class OpenEnvError
{
    public const string InvalidJson = "INVALID_JSON";
    public const string UnknownType = "UNKNOWN_TYPE";
    public const string ValidationError = "VALIDATION_ERROR";
    public const string ExecutionError = "EXECUTION_ERROR";
    public const string CapacityReached = "CAPACITY_REACHED";
    public const string SessionError = "SESSION_ERROR";

    public required string Message { get; init; }

    public required string Code { get; init; }

    public required int Status { get; init; }

    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    public int? RetryAfter { get; init; }
}
