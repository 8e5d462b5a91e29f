using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace WebGen.Mcp.Tests;

internal static class ToolResults
{
    public static JsonObject Json(CallToolResult result)
    {
        Assert.That(result.IsError, Is.Not.True, Text(result));
        return JsonNode.Parse(result.Content.OfType<TextContentBlock>().First().Text)!.AsObject();
    }

    public static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    /// <summary>The PNG of the result's image block, checked to be a 1024 px wide PNG.</summary>
    public static byte[] Png(CallToolResult result)
    {
        var image = result.Content.OfType<ImageContentBlock>().Single();
        Assert.That(image.MimeType, Is.EqualTo("image/png"));
        var bytes = image.DecodedData.ToArray();
        Assert.That(bytes[1..4], Is.EqualTo("PNG"u8.ToArray()));
        Assert.That(System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)), Is.EqualTo(1024));
        return bytes;
    }
}
