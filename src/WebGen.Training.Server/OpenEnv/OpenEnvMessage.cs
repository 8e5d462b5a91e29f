namespace WebGen.Training.Server;

/// <summary>
/// A message the WebSocket session sends, in OpenEnv's envelope: <c>{"type": "observation" | "state" | "error", "data": …}</c>
/// (<c>WSObservationResponse</c>, <c>WSStateResponse</c>, <c>WSErrorResponse</c>).
/// </summary>
internal sealed record class OpenEnvMessage
{
    public required string Type { get; init; }

    /// <summary>An <see cref="OpenEnvResult"/>, <see cref="OpenEnvState"/> or <see cref="OpenEnvError"/> (serialised by its runtime type).</summary>
    public required object Data { get; init; }

    public static OpenEnvMessage Observation(OpenEnvResult result) => new() { Type = "observation", Data = result };

    public static OpenEnvMessage State(OpenEnvState state) => new() { Type = "state", Data = state };

    public static OpenEnvMessage Error(string code, string message, int status) => new() { Type = "error", Data = new OpenEnvError { Code = code, Message = message, Status = status } };

    /// <summary>An error for a refused or failed operation, with OpenEnv's code for its status.</summary>
    public static OpenEnvMessage Error(EpisodeFailure failure) => new()
    {
        Type = "error",
        Data = new OpenEnvError
        {
            Code = failure.Status switch
            {
                400 => OpenEnvError.ValidationError,
                429 => OpenEnvError.CapacityReached,
                503 => OpenEnvError.SessionError,
                _ => OpenEnvError.ExecutionError,
            },
            Message = failure.Detail,
            Status = failure.Status,
            Errors = failure.Errors,
            RetryAfter = failure.RetryAfterSeconds,
        },
    };
}
