using StbImageSharp;
using StbImageWriteSharp;

namespace WebGen.Bench;

/// <summary>Cuts a full-page screenshot into viewport-high PNG strips, as a visitor scrolling down would see the page.</summary>
internal static class PngStrips
{
    /// <summary>
    /// Splits <paramref name="png"/> into at most <paramref name="maxStrips"/> strips of <paramref name="stripHeight"/>
    /// rows. Like a browser scrolling one viewport at a time, the last strip ends at the bottom of the page.
    /// An image that is not taller than one strip, or that cannot be decoded, is returned as it is.
    /// </summary>
    public static IReadOnlyList<ReadOnlyMemory<byte>> Split(ReadOnlyMemory<byte> png, int stripHeight, int maxStrips)
    {
        ImageResult image;
        try
        {
            image = ImageResult.FromMemory(png.ToArray(), StbImageSharp.ColorComponents.RedGreenBlueAlpha);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            return [png];
        }

        if (image.Height <= stripHeight || maxStrips <= 1)
        {
            return [png];
        }

        var count = Math.Min(maxStrips, (image.Height + stripHeight - 1) / stripHeight);
        var strips = new List<ReadOnlyMemory<byte>>(count);
        for (var i = 0; i < count; i++)
        {
            var top = Math.Min(i * stripHeight, image.Height - stripHeight);
            strips.Add(Encode(image.Data, image.Width, top, stripHeight));
        }

        return strips;
    }

    /// <summary>Encodes rows [top, top + height) of an RGBA image as an 8-bit RGBA PNG.</summary>
    internal static byte[] Encode(byte[] rgba, int width, int top, int height)
    {
        var stride = width * 4;
        var rows = rgba.AsSpan(top * stride, height * stride).ToArray();
        using var output = new MemoryStream();
        new ImageWriter().WritePng(rows, width, height, StbImageWriteSharp.ColorComponents.RedGreenBlueAlpha, output);
        return output.ToArray();
    }
}
