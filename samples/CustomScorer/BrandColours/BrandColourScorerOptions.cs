using System.ComponentModel.DataAnnotations;

namespace WebGen.Samples.BrandColours;

/// <summary>Thresholds of <see cref="BrandColourScorer"/>.</summary>
public sealed class BrandColourScorerOptions
{
    /// <summary>
    /// How far (CIE76 ΔE in CIELAB) a pixel may be from a named colour and still count as that colour. About 2 is
    /// the smallest difference people notice; the default 12 accepts a nearby shade (a model's own "navy") but not a
    /// different hue. Whites and near-whites (white, snow, ivory, ghost white) are within 8 of each other and match alike.
    /// </summary>
    [Range(0.0, 100.0)]
    public double MaxDeltaE { get; set; } = 12;

    /// <summary>The share of the screenshot's pixels a colour must cover to count as present (default 0.5%).</summary>
    [Range(0.0, 1.0)]
    public double MinimumShare { get; set; } = 0.005;
}
