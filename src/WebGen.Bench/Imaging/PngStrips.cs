using System.Buffers.Binary;
using System.IO.Compression;
using StbImageSharp;

namespace WebGen.Bench;

/// <summary>Cuts a full-page screenshot into viewport-high PNG strips, as a visitor scrolling down would see the page.</summary>
internal static class PngStrips
{
    private static readonly uint[] CrcTable = BuildCrcTable();

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
            image = ImageResult.FromMemory(png.ToArray(), ColorComponents.RedGreenBlueAlpha);
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
        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                zlib.WriteByte(0); // filter type "none" per row
                zlib.Write(rgba, (top + y) * stride, stride);
            }
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(0), width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 6; // colour type RGBA

        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(output, "IHDR", header);
        WriteChunk(output, "IDAT", raw.ToArray());
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        var crc = Crc(Crc(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        output.Write(word);
    }

    private static uint Crc(uint crc, byte[] data)
    {
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
