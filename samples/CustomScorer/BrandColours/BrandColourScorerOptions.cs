using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace WebGen.Samples.BrandColours;

/// <summary>Thresholds of <see cref="BrandColourScorer"/>.</summary>
public sealed partial class BrandColourScorerOptions
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

    /// <summary>Throws <see cref="ValidationException"/> naming every option out of range.</summary>
    internal BrandColourScorerOptions Validated()
    {
        var result = new Annotations().Validate(nameof(BrandColourScorerOptions), this);
        return result.Failed ? throw new ValidationException(result.FailureMessage) : this;
    }

    // The options source generator writes these checks at build time from the attributes above (no reflection).
    [OptionsValidator]
    private sealed partial class Annotations : IValidateOptions<BrandColourScorerOptions>;
}
