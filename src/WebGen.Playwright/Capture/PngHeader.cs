using System.Buffers.Binary;

namespace WebGen.Playwright;

/// <summary>Reads the pixel size from a PNG's IHDR chunk without decoding the image.</summary>
internal static class PngHeader
{
    public static (int Width, int Height) Size(ReadOnlySpan<byte> png) =>
        png.Length >= 24
            ? (BinaryPrimitives.ReadInt32BigEndian(png[16..20]), BinaryPrimitives.ReadInt32BigEndian(png[20..24]))
            : (0, 0);
}
