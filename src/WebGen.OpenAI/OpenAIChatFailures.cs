using System.ClientModel;

namespace WebGen;

/// <summary>
/// Reads the failures of the OpenAI client (<c>ClientResultException</c> from System.ClientModel) for
/// <see cref="ChatResilienceOptions.FailureReader"/>: <c>.UseWebGenResilience(o => o.FailureReader = OpenAIChatFailures.Read)</c>.
/// </summary>
public static class OpenAIChatFailures
{
    /// <summary>
    /// The status and <c>Retry-After</c> / <c>retry-after-ms</c> headers of a <see cref="ClientResultException"/>
    /// (status null when no answer arrived); null for any other exception.
    /// </summary>
    /// <param name="exception">What the chat client threw.</param>
    public static ChatCallFailure? Read(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is not ClientResultException e)
        {
            return null;
        }

        var headers = e.GetRawResponse()?.Headers;
        string? retryAfter = null;
        string? retryAfterMs = null;
        _ = headers?.TryGetValue("Retry-After", out retryAfter);
        _ = headers?.TryGetValue("retry-after-ms", out retryAfterMs);
        return new ChatCallFailure
        {
            StatusCode = e.Status > 0 ? e.Status : null,
            RetryAfter = retryAfter,
            RetryAfterMilliseconds = retryAfterMs,
        };
    }
}
