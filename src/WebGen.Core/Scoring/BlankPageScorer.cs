using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using StbImageSharp;

namespace WebGen;

/// <summary>
/// Finds blank and nearly empty pages by decoding the screenshot and measuring how much of it is a
/// single colour. A blank page is fatal: grading it with a VLM would only confirm that nothing rendered.
/// </summary>
public sealed class BlankPageScorer : PreCheckScorer
{
    /// <summary>The score name.</summary>
    public const string Name = "blank-page";

    /// <summary>Creates the scorer.</summary>
    /// <param name="options">Thresholds; defaults when null.</param>
    public BlankPageScorer(IOptions<ScreenshotPreCheckOptions>? options = null)
        : base(options)
    {
    }

    /// <inheritdoc />
    private protected override ScreenshotScore ScoreCore(PageCapture capture)
    {
        if (capture.Png.IsEmpty)
        {
            return ScreenshotScore.Fatal(Name, "No screenshot was taken" + (capture.Failure is null ? "." : ": " + capture.Failure));
        }

        ImageResult image;
        try
        {
            var bytes = MemoryMarshal.TryGetArray(capture.Png, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
                ? segment.Array
                : capture.Png.ToArray();
            image = ImageResult.FromMemory(bytes, ColorComponents.RedGreenBlue);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            return ScreenshotScore.Fatal(Name, "The screenshot is not a readable PNG image (" + ex.Message + ").");
        }

        var (share, colour) = DominantColour(image.Data, Options.IgnoredColourBits);
        var hasText = !string.IsNullOrWhiteSpace(capture.VisibleText);
        if (share >= Options.BlankDominantShare)
        {
            var reason = $"The page looks blank: {PreCheckText.Percent(share)} of the screenshot is one colour ({colour})"
                + (hasText
                    ? ", although the page has text (it may be invisible: same colour as the background, off-screen or hidden)."
                    : " and the page shows no text. The app probably failed to render; check the console and page errors.");
            return ScreenshotScore.Fatal(Name, reason);
        }

        if (share >= Options.NearUniformDominantShare)
        {
            // Scale the value from 0.5 at the near-uniform threshold down to 0 at the blank threshold.
            var span = Options.BlankDominantShare - Options.NearUniformDominantShare;
            var value = span <= 0 ? 0.25 : 0.5 * (Options.BlankDominantShare - share) / span;
            return new ScreenshotScore
            {
                Name = Name,
                Value = Math.Round(value, 3),
                Reason = $"The page is nearly empty: {PreCheckText.Percent(share)} of the screenshot is one colour ({colour}); only a little content is visible above the fold.",
            };
        }

        return ScreenshotScore.Pass(Name, $"The page shows content: the most common colour ({colour}) covers {PreCheckText.Percent(share)} of the screenshot.");
    }

    private static (double Share, string Colour) DominantColour(byte[] rgb, int ignoredBits)
    {
        var bits = 8 - ignoredBits;
        var counts = new int[1 << (3 * bits)];
        var pixels = rgb.Length / 3;
        for (var i = 0; i < rgb.Length - 2; i += 3)
        {
            var key = ((rgb[i] >> ignoredBits) << (2 * bits)) | ((rgb[i + 1] >> ignoredBits) << bits) | (rgb[i + 2] >> ignoredBits);
            counts[key]++;
        }

        var best = 0;
        for (var k = 1; k < counts.Length; k++)
        {
            if (counts[k] > counts[best])
            {
                best = k;
            }
        }

        // Report a real pixel of the dominant bucket rather than the bucket's rounded-down corner.
        int r = 0, g = 0, b = 0;
        for (var i = 0; i < rgb.Length - 2; i += 3)
        {
            if ((((rgb[i] >> ignoredBits) << (2 * bits)) | ((rgb[i + 1] >> ignoredBits) << bits) | (rgb[i + 2] >> ignoredBits)) == best)
            {
                (r, g, b) = (rgb[i], rgb[i + 1], rgb[i + 2]);
                break;
            }
        }

        var share = pixels == 0 ? 1.0 : (double)counts[best] / pixels;
        return (share, string.Create(CultureInfo.InvariantCulture, $"#{r:X2}{g:X2}{b:X2}"));
    }
}
