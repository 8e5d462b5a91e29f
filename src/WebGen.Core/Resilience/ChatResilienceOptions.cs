using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace WebGen;

/// <summary>
/// Retry, per-call timeout and circuit breaker settings of <see cref="ResilientChatClient"/>. Validated
/// when the client is built, so a wrong value fails at start-up naming the option.
/// </summary>
public sealed partial class ChatResilienceOptions
{
    /// <summary>Retries after the first attempt; 0 disables retrying. Default 3.</summary>
    [Range(0, 20)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Base of the exponential backoff (with jitter) when the server gives no Retry-After. Default 2 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Upper bound of a backoff delay. Default 60 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Longest Retry-After (or <c>retry-after-ms</c>) the client waits for on 429/503. A server asking for a
    /// longer pause is not retried: the failure surfaces at once so the caller can decide. Default 120 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Timeout of one attempt (for a streamed answer: until its first update). Default 120 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Enables the circuit breaker, which fails calls fast while an endpoint keeps failing. Default true.</summary>
    public bool CircuitBreakerEnabled { get; set; } = true;

    /// <summary>Share of failed attempts in <see cref="BreakerSamplingDuration"/> that opens the circuit. Default 0.5.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts needed in the sampling window before the circuit can open. Default 6.</summary>
    [Range(2, 10_000)]
    public int BreakerMinimumThroughput { get; set; } = 6;

    /// <summary>Window over which failures are counted. Default 60 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the circuit stays open before one trial call. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Reads the HTTP status and Retry-After headers from an exception of the inner client, for clients that do not throw
    /// <see cref="HttpRequestException"/>: set it to <c>OpenAIChatFailures.Read</c> (WebGen.OpenAI) for the OpenAI client,
    /// whose failures are <c>ClientResultException</c>s. Null (the default), or a null answer, leaves only
    /// <see cref="HttpRequestException"/>, <see cref="IOException"/> and attempt timeouts recognised as transient.
    /// </summary>
    public Func<Exception, ChatCallFailure?>? FailureReader { get; set; }

    internal ChatResilienceOptions Validated()
    {
        var annotations = new Annotations().Validate(nameof(ChatResilienceOptions), this);
        if (annotations.Failed)
        {
            throw new ValidationException(annotations.FailureMessage);
        }

        if (RetryMaxDelay < RetryBaseDelay)
        {
            throw new ValidationException($"{nameof(ChatResilienceOptions)}.{nameof(RetryMaxDelay)} ({RetryMaxDelay}) must not be shorter than {nameof(RetryBaseDelay)} ({RetryBaseDelay}).");
        }

        return this;
    }

    internal ChatResilienceOptions Clone() => (ChatResilienceOptions)MemberwiseClone();

    [OptionsValidator]
    private sealed partial class Annotations : IValidateOptions<ChatResilienceOptions>;
}
