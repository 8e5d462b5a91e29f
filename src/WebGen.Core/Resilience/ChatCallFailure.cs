namespace WebGen;

/// <summary>
/// What a failed chat call said over HTTP, read from the exception its client threw: the status and the pause the
/// server asked for. <see cref="ChatResilienceOptions.FailureReader"/> returns one for clients whose exceptions are not
/// <see cref="HttpRequestException"/>, such as the OpenAI client's (<c>OpenAIChatFailures.Read</c> in WebGen.OpenAI).
/// </summary>
public sealed record class ChatCallFailure
{
    /// <summary>The answer's HTTP status; null when no answer arrived (a network failure, which is retried).</summary>
    public int? StatusCode { get; init; }

    /// <summary>The answer's <c>Retry-After</c> header as sent (seconds or an HTTP date); null when absent.</summary>
    public string? RetryAfter { get; init; }

    /// <summary>The answer's <c>retry-after-ms</c> header as sent (OpenAI and Azure OpenAI send it); null when absent.</summary>
    public string? RetryAfterMilliseconds { get; init; }
}
