namespace WebGen.Core.Tests.Scoring;

internal static class Captures
{
    public static PageCapture Of(byte[] png, int width = 200, int height = 150) => new()
    {
        Url = new Uri("http://127.0.0.1:5173/"),
        Png = png,
        Width = width,
        Height = height,
        ViewportWidth = width,
        HttpStatus = 200,
    };

    /// <summary>A page with a dark header bar and a text block: clearly not blank.</summary>
    public static byte[] ContentPng() => TestPng.Encode(200, 150, (x, y) =>
        y < 30 ? ((byte)20, (byte)40, (byte)90)
        : (x > 20 && x < 180 && y > 50 && y < 120 && (x + y) % 3 == 0) ? ((byte)10, (byte)10, (byte)10)
        : ((byte)255, (byte)255, (byte)255));
}
