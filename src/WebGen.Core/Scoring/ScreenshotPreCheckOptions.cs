using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace WebGen;

/// <summary>Thresholds of the deterministic screenshot pre-checks.</summary>
public sealed partial class ScreenshotPreCheckOptions : IValidatableObject
{
    /// <summary>
    /// Share of pixels of one colour at or above which the page counts as blank (fatal). Default 0.9995:
    /// text is sparse ink (a heading and a button on a white 1024×768 page still leave 99.6% white), so
    /// only a page with at most a word or two of content reaches this.
    /// </summary>
    [Range(0.5, 1.0)]
    public double BlankDominantShare { get; set; } = 0.9995;

    /// <summary>
    /// Share of pixels of one colour at or above which the page counts as nearly empty (a low score, not
    /// fatal). Default 0.99: about a heading and a line of text on an otherwise empty page.
    /// </summary>
    [Range(0.5, 1.0)]
    public double NearUniformDominantShare { get; set; } = 0.99;

    /// <summary>
    /// Colour channels are compared after dropping this many low bits, so anti-aliasing and JPEG-like
    /// noise in backgrounds do not count as content. Default 3 (32 levels per channel).
    /// </summary>
    [Range(0, 7)]
    public int IgnoredColourBits { get; set; } = 3;

    /// <summary>Horizontal overflow, in CSS pixels, tolerated before the overflow check fails. Default 1.</summary>
    [Range(0, 10_000)]
    public int OverflowTolerancePixels { get; set; } = 1;

    /// <summary>How many offending items (errors, rules, elements) a reason lists before summarising. Default 5.</summary>
    [Range(1, 100)]
    public int MaxListedItems { get; set; } = 5;

    /// <summary>Longest excerpt of an error text quoted in a reason. Default 600 characters.</summary>
    [Range(40, 20_000)]
    public int MaxQuotedChars { get; set; } = 600;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (NearUniformDominantShare > BlankDominantShare)
        {
            yield return new ValidationResult(
                $"{nameof(NearUniformDominantShare)} ({NearUniformDominantShare}) must not exceed {nameof(BlankDominantShare)} ({BlankDominantShare}).",
                [nameof(NearUniformDominantShare), nameof(BlankDominantShare)]);
        }
    }

    /// <summary>Throws <see cref="ValidationException"/> naming every option out of range or in contradiction.</summary>
    internal static ScreenshotPreCheckOptions Validated(ScreenshotPreCheckOptions? options)
    {
        options ??= new ScreenshotPreCheckOptions();
        var result = new Annotations().Validate(nameof(ScreenshotPreCheckOptions), options);
        return result.Failed ? throw new ValidationException(result.FailureMessage) : options;
    }

    // Checks written by the options source generator at build time (no reflection at run time); they include
    // Validate above, the rule between the two shares.
    [OptionsValidator]
    private sealed partial class Annotations : IValidateOptions<ScreenshotPreCheckOptions>;
}
