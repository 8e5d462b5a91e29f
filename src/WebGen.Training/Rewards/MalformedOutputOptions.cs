using System.ComponentModel.DataAnnotations;

namespace WebGen.Training;

/// <summary>
/// Thresholds of the malformed-output rules (reference values by default). Lengths are counted in
/// Unicode code points, which is what Python's <c>len</c> counts in the reference implementation.
/// </summary>
public sealed class MalformedOutputOptions
{
    /// <summary>
    /// The longest a <c>screenshot_validated</c> or <c>finish</c> answer may be, after trimming surrounding
    /// whitespace (reference 400). Such answers are signals; a long one means the model mixed in other work.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxSignalAnswerLength { get; set; } = 400;

    /// <summary>Length of the sliding window used by the repetition rule (reference 50).</summary>
    [Range(1, 10_000)]
    public int RepetitionChunkLength { get; set; } = 50;

    /// <summary>How often a window's text must occur to count as repeated (reference 3).</summary>
    [Range(2, int.MaxValue)]
    public int RepetitionMinOccurrences { get; set; } = 3;

    /// <summary>The share of windows that must be repeated for the answer to be degenerate (reference 0.40).</summary>
    [Range(0.0, 1.0)]
    public double RepetitionMinCoverage { get; set; } = 0.40;
}
