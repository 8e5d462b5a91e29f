using System.ClientModel;
using System.Globalization;
using System.Net;
using Polly.Timeout;

namespace WebGen;

/// <summary>Classifies chat-call exceptions: which are worth retrying, and how long the server asked to wait.</summary>
internal static class TransientChatFailure
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        TimeoutRejectedException => true,
        ClientResultException e => e.Status == 0 || IsTransientStatus(e.Status),
        HttpRequestException e => e.StatusCode is null || IsTransientStatus((int)e.StatusCode),
        IOException => true,
        _ => false,
    };

    public static string Describe(Exception exception) => exception switch
    {
        ClientResultException { Status: > 0 } e => "HTTP " + e.Status.ToString(CultureInfo.InvariantCulture),
        HttpRequestException { StatusCode: { } code } => "HTTP " + ((int)code).ToString(CultureInfo.InvariantCulture),
        TimeoutRejectedException => "attempt timed out",
        _ => exception.GetType().Name,
    };

    /// <summary>The server's requested pause (<c>retry-after-ms</c> or <c>Retry-After</c> seconds or date), when given.</summary>
    public static TimeSpan? RetryAfter(Exception exception, TimeProvider time)
    {
        if (exception is not ClientResultException e || e.GetRawResponse() is not { } response)
        {
            return null;
        }

        if (response.Headers.TryGetValue("retry-after-ms", out var ms)
            && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        if (!response.Headers.TryGetValue("Retry-After", out var value) || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
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
