using System.Text.Json;

namespace WebGen.Testing;

/// <summary>One chat-completions request received by <see cref="OpenAICompatibleServer"/>.</summary>
public sealed record class ChatCompletionCall
{
    /// <summary>0-based order of arrival.</summary>
    public required int Index { get; init; }

    /// <summary>The requested model name.</summary>
    public required string Model { get; init; }

    /// <summary>The messages, text and images separated.</summary>
    public required IReadOnlyList<ChatCompletionMessage> Messages { get; init; }

    /// <summary>True when the client asked for a streamed answer.</summary>
    public bool Stream { get; init; }

    /// <summary>The <c>Authorization</c> header as received.</summary>
    public string? Authorization { get; init; }

    /// <summary>The raw request body.</summary>
    public required string RawBody { get; init; }

    /// <summary>Text of the last user message (empty when none).</summary>
    public string LastUserText => Messages.LastOrDefault(m => m.Role == "user")?.Text ?? "";

    /// <summary>Text of the system message (empty when none).</summary>
    public string SystemText => Messages.FirstOrDefault(m => m.Role is "system" or "developer")?.Text ?? "";

    /// <summary>All image parts of all messages.</summary>
    public IEnumerable<ChatCompletionImage> Images => Messages.SelectMany(m => m.Images);

    internal static ChatCompletionCall Parse(int index, string body, string? authorization)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        var messages = new List<ChatCompletionMessage>();
        if (root.TryGetProperty("messages", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var m in list.EnumerateArray())
            {
                messages.Add(ChatCompletionMessage.Parse(m));
            }
        }

        return new ChatCompletionCall
        {
            Index = index,
            Model = root.TryGetProperty("model", out var model) ? model.GetString() ?? "" : "",
            Messages = messages,
            Stream = root.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True,
            Authorization = authorization,
            RawBody = body,
        };
    }
}
