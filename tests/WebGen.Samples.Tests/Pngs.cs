using StbImageWriteSharp;

namespace WebGen.Samples.Tests;

/// <summary>Writes synthetic screenshots: horizontal bands of flat colours.</summary>
internal static class Pngs
{
    public static byte[] Bands(int width, params (int Rgb, int Rows)[] bands)
    {
        var height = bands.Sum(b => b.Rows);
        var data = new byte[width * height * 3];
        var row = 0;
        foreach (var (rgb, rows) in bands)
        {
            for (var y = row; y < row + rows; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var i = ((y * width) + x) * 3;
                    data[i] = (byte)(rgb >> 16);
                    data[i + 1] = (byte)(rgb >> 8);
                    data[i + 2] = (byte)rgb;
                }
            }

            row += rows;
        }

        using var stream = new MemoryStream();
        new ImageWriter().WritePng(data, width, height, ColorComponents.RedGreenBlue, stream);
        return stream.ToArray();
    }

    public static ScreenshotScoringContext Context(string instruction, byte[] png) => new()
    {
        Instruction = instruction,
        Capture = new PageCapture { Url = new Uri("http://127.0.0.1:1/"), Png = png },
    };
}
