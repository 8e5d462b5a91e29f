namespace WebGen.Testing;

/// <summary>What <see cref="OpenAICompatibleServer"/> answers to one call.</summary>
public sealed record class ScriptedReply
{
    /// <summary>The assistant message content (for status 200).</summary>
    public string Content { get; init; } = "";

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; init; } = 200;

    /// <summary>A <c>Retry-After</c> header in whole seconds, when set.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>A delay before answering; <see cref="Timeout.InfiniteTimeSpan"/> hangs until the client gives up.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Prompt tokens reported in <c>usage</c>.</summary>
    public int PromptTokens { get; init; } = 10;

    /// <summary>Completion tokens reported in <c>usage</c>.</summary>
    public int CompletionTokens { get; init; } = 5;

    /// <summary>A normal answer.</summary>
    /// <param name="content">The assistant message.</param>
    public static ScriptedReply Text(string content) => new() { Content = content };

    /// <summary>An HTTP error with an OpenAI-shaped error body.</summary>
    /// <param name="statusCode">For example 429, 500 or 503.</param>
    /// <param name="retryAfter">Optional <c>Retry-After</c>.</param>
    public static ScriptedReply Error(int statusCode, TimeSpan? retryAfter = null) => new() { StatusCode = statusCode, RetryAfter = retryAfter };

    /// <summary>Never answers (until the client disconnects or the server stops).</summary>
    public static ScriptedReply Hang() => new() { Delay = Timeout.InfiniteTimeSpan };
}
