namespace WebGen.Testing;

/// <summary>An image part of a chat message.</summary>
public sealed record class ChatCompletionImage
{
    /// <summary>The media type of a data URI (for example <c>image/png</c>); empty for plain URLs.</summary>
    public required string MediaType { get; init; }

    /// <summary>Decoded bytes of a data URI; empty for plain URLs.</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>The URL as sent.</summary>
    public required string Url { get; init; }

    internal static ChatCompletionImage FromUrl(string url)
    {
        const string prefix = "data:";
        if (url.StartsWith(prefix, StringComparison.Ordinal))
        {
            var comma = url.IndexOf(',', StringComparison.Ordinal);
            var header = comma > 0 ? url[prefix.Length..comma] : "";
            var mediaType = header.Split(';')[0];
            byte[] data = [];
            if (comma > 0 && header.EndsWith(";base64", StringComparison.Ordinal))
            {
                data = Convert.FromBase64String(url[(comma + 1)..]);
            }

            return new ChatCompletionImage { MediaType = mediaType, Data = data, Url = url.Length > 64 ? url[..64] + "…" : url };
        }

        return new ChatCompletionImage { MediaType = "", Url = url };
    }
}
