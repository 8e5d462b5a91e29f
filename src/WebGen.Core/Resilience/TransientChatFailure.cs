using System.Globalization;
using System.Net;
using Polly.Timeout;

namespace WebGen;

/// <summary>
/// Classifies chat-call exceptions: which are worth retrying, and how long the server asked to wait. Exceptions other
/// than <see cref="HttpRequestException"/> (such as the OpenAI client's) are read by
/// <see cref="ChatResilienceOptions.FailureReader"/>, so Core depends on no client library.
/// </summary>
internal static class TransientChatFailure
{
    public static bool IsTransient(Exception exception, Func<Exception, ChatCallFailure?>? reader) => exception switch
    {
        TimeoutRejectedException => true,
        HttpRequestException e => e.StatusCode is null || IsTransientStatus((int)e.StatusCode),
        IOException => true,
        _ => reader?.Invoke(exception) is { } failure && (failure.StatusCode is not { } status || IsTransientStatus(status)),
    };

    public static string Describe(Exception exception, Func<Exception, ChatCallFailure?>? reader) => exception switch
    {
        HttpRequestException { StatusCode: { } code } => "HTTP " + ((int)code).ToString(CultureInfo.InvariantCulture),
        TimeoutRejectedException => "attempt timed out",
        _ when reader?.Invoke(exception) is { StatusCode: { } status } => "HTTP " + status.ToString(CultureInfo.InvariantCulture),
        _ => exception.GetType().Name,
    };

    /// <summary>The server's requested pause (<c>retry-after-ms</c> or <c>Retry-After</c> seconds or date), when given.</summary>
    public static TimeSpan? RetryAfter(Exception exception, Func<Exception, ChatCallFailure?>? reader, TimeProvider time)
    {
        if (exception is HttpRequestException || reader?.Invoke(exception) is not { } failure)
        {
            return null;
        }

        if (double.TryParse(failure.RetryAfterMilliseconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        if (string.IsNullOrWhiteSpace(failure.RetryAfter))
        {
            return null;
        }

        if (double.TryParse(failure.RetryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (DateTimeOffset.TryParse(failure.RetryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static bool IsTransientStatus(int status) => status is
        (int)HttpStatusCode.RequestTimeout or
        (int)HttpStatusCode.TooManyRequests or
        (int)HttpStatusCode.InternalServerError or
        (int)HttpStatusCode.BadGateway or
        (int)HttpStatusCode.ServiceUnavailable or
        (int)HttpStatusCode.GatewayTimeout;
}
