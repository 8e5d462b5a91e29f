using System.Text;
using System.Text.Json;

namespace WebGen.Testing;

/// <summary>A message of a <see cref="ChatCompletionCall"/>.</summary>
public sealed record class ChatCompletionMessage
{
    /// <summary>system, user, assistant, tool or developer.</summary>
    public required string Role { get; init; }

    /// <summary>All text parts joined with newlines.</summary>
    public required string Text { get; init; }

    /// <summary>Image parts (data URIs are decoded).</summary>
    public IReadOnlyList<ChatCompletionImage> Images { get; init; } = [];

    internal static ChatCompletionMessage Parse(JsonElement m)
    {
        var role = m.TryGetProperty("role", out var r) ? r.GetString() ?? "" : "";
        var text = new StringBuilder();
        var images = new List<ChatCompletionImage>();
        if (m.TryGetProperty("content", out var content))
        {
            if (content.ValueKind == JsonValueKind.String)
            {
                text.Append(content.GetString());
            }
            else if (content.ValueKind == JsonValueKind.Array)
            {
                foreach (var part in content.EnumerateArray())
                {
                    var type = part.TryGetProperty("type", out var t) ? t.GetString() : null;
                    if (type == "text" && part.TryGetProperty("text", out var pt))
                    {
                        if (text.Length > 0)
                        {
                            text.Append('\n');
                        }

                        text.Append(pt.GetString());
                    }
                    else if (type == "image_url" && part.TryGetProperty("image_url", out var iu) && iu.TryGetProperty("url", out var url))
                    {
                        images.Add(ChatCompletionImage.FromUrl(url.GetString() ?? ""));
                    }
                }
            }
        }

        return new ChatCompletionMessage { Role = role, Text = text.ToString(), Images = images };
    }
}
