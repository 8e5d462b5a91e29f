using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using StbImageSharp;

namespace WebGen.Samples.BrandColours;

/// <summary>
/// "Brand colours present": reads the colours the instruction names ("Set the background color to white and the
/// component color to navy") and checks that each covers at least <see cref="BrandColourScorerOptions.MinimumShare"/>
/// of the screenshot's pixels. The value is the share of named colours found (1 when the instruction names none);
/// the reason gives each colour's share of the pixels, so the code model knows what to fix. Never fatal: a missing
/// brand colour is worth fixing, not a reason to skip the judge.
/// </summary>
public sealed class BrandColourScorer : IScreenshotScorer
{
    /// <summary>The score's <see cref="ScreenshotScore.Name"/>; selectors and reward terms look it up by this name.</summary>
    public const string ScoreName = "brand-colours";

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a];
    private readonly BrandColourScorerOptions _options;

    /// <summary>Creates the scorer.</summary>
    /// <param name="options">Thresholds; defaults when null.</param>
    /// <exception cref="ValidationException">An option is out of range.</exception>
    public BrandColourScorer(BrandColourScorerOptions? options = null)
    {
        _options = (options ?? new BrandColourScorerOptions()).Validated();
    }

    /// <inheritdoc />
    public ValueTask<ScreenshotScore> ScoreAsync(ScreenshotScoringContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var colours = ColourNames.FindIn(context.Instruction);
        if (colours.Count == 0)
        {
            return ValueTask.FromResult(ScreenshotScore.Pass(ScoreName, "The instruction names no colours, so there is nothing to check."));
        }

        var png = context.Capture.Png;
        if (png.Length < PngSignature.Length || !png.Span[..PngSignature.Length].SequenceEqual(PngSignature))
        {
            return ValueTask.FromResult(new ScreenshotScore { Name = ScoreName, Value = 0, Reason = "The screenshot is not a PNG, so its colours could not be checked." });
        }

        var histogram = Histogram(png);
        return ValueTask.FromResult(Score(colours, histogram));
    }

    private ScreenshotScore Score(IReadOnlyList<NamedColour> colours, PixelHistogram histogram)
    {
        var found = 0;
        var details = new List<string>(colours.Count);
        foreach (var colour in colours)
        {
            var target = Lab.From(colour.R, colour.G, colour.B);
            long matching = 0;
            var nearest = double.MaxValue;
            foreach (var (rgb, count) in histogram.Counts)
            {
                var distance = target.DistanceTo(histogram.LabOf(rgb));
                nearest = Math.Min(nearest, distance);
                if (distance <= _options.MaxDeltaE)
                {
                    matching += count;
                }
            }

            var share = (double)matching / histogram.Total;
            if (share >= _options.MinimumShare)
            {
                found++;
                details.Add(string.Create(CultureInfo.InvariantCulture, $"{colour} covers {share:0.0%} of the pixels"));
            }
            else
            {
                details.Add(string.Create(CultureInfo.InvariantCulture, $"{colour} covers {share:0.0%} of the pixels (needs {_options.MinimumShare:0.0%}; the nearest colour on the page is ΔE {nearest:0} away)"));
            }
        }

        var reason = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{found} of {colours.Count} brand colours found: ")
            .AppendJoin("; ", details)
            .Append('.');
        if (found < colours.Count)
        {
            reason.Append(" Use the missing colours for the background or the components as the instruction asks.");
        }

        return new ScreenshotScore { Name = ScoreName, Value = (double)found / colours.Count, Reason = reason.ToString() };
    }

    private static PixelHistogram Histogram(ReadOnlyMemory<byte> png)
    {
        var bytes = MemoryMarshal.TryGetArray(png, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : png.ToArray();
        var image = ImageResult.FromMemory(bytes, ColorComponents.RedGreenBlue);

        // A page has few distinct colours (mostly flat fills), so converting each distinct colour once is cheap.
        var counts = new Dictionary<int, long>();
        var data = image.Data;
        for (var i = 0; i + 2 < data.Length; i += 3)
        {
            var rgb = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
            counts[rgb] = counts.GetValueOrDefault(rgb) + 1;
        }

        return new PixelHistogram(counts, (long)image.Width * image.Height);
    }

    private sealed class PixelHistogram(Dictionary<int, long> counts, long total)
    {
        private readonly Dictionary<int, Lab> _lab = [];

        public Dictionary<int, long> Counts { get; } = counts;

        public long Total { get; } = Math.Max(1, total);

        public Lab LabOf(int rgb)
        {
            if (!_lab.TryGetValue(rgb, out var lab))
            {
                lab = Lab.From((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
                _lab[rgb] = lab;
            }

            return lab;
        }
    }

    /// <summary>CIELAB under D65, from sRGB.</summary>
    private readonly record struct Lab(double L, double A, double B)
    {
        public static Lab From(byte r, byte g, byte b)
        {
            var lr = Linear(r);
            var lg = Linear(g);
            var lb = Linear(b);
            var x = ((0.4124 * lr) + (0.3576 * lg) + (0.1805 * lb)) / 0.95047;
            var y = (0.2126 * lr) + (0.7152 * lg) + (0.0722 * lb);
            var z = ((0.0193 * lr) + (0.1192 * lg) + (0.9505 * lb)) / 1.08883;
            var fx = F(x);
            var fy = F(y);
            var fz = F(z);
            return new Lab((116 * fy) - 16, 500 * (fx - fy), 200 * (fy - fz));
        }

        public double DistanceTo(Lab other)
        {
            var dl = L - other.L;
            var da = A - other.A;
            var db = B - other.B;
            return Math.Sqrt((dl * dl) + (da * da) + (db * db));
        }

        private static double Linear(byte channel)
        {
            var c = channel / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        private static double F(double t) => t > 216.0 / 24389 ? Math.Cbrt(t) : ((24389.0 / 27 * t) + 16) / 116;
    }
}
