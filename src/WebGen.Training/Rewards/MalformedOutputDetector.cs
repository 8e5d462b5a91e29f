using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace WebGen.Training;

/// <summary>
/// Decides whether a step's model output is malformed under the reference Step-GRPO rules; a malformed step
/// gets the malformed reward (−1) whatever its grades.
/// </summary>
/// <remarks>
/// <para>An output is malformed when any rule holds, checked in this order:</para>
/// <list type="number">
/// <item><description>No parsable action: the step's kind is <see cref="StepKind.BadFormat"/> or the parser found no action
/// (<see cref="StepRecord.ActionTypes"/> is empty).</description></item>
/// <item><description>A signal answer (kind <see cref="StepKind.Validate"/> or <see cref="StepKind.Finish"/>, or an action of type
/// <c>screenshot_validated</c> or <c>finish</c>) that is longer than <see cref="MalformedOutputOptions.MaxSignalAnswerLength"/>
/// code points after trimming, or that also carries a <c>boltArtifact</c>.</description></item>
/// <item><description>Degenerate repetition: <see cref="RepetitionCoverage.Measure"/> of the answer is at least
/// <see cref="MalformedOutputOptions.RepetitionMinCoverage"/>.</description></item>
/// </list>
/// </remarks>
public sealed class MalformedOutputDetector
{
    private const string ScreenshotValidatedType = "screenshot_validated";
    private const string FinishType = "finish";

    private readonly MalformedOutputOptions options;

    /// <summary>Creates a detector.</summary>
    /// <param name="options">The thresholds; reference values when null.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public MalformedOutputDetector(MalformedOutputOptions? options = null)
    {
        this.options = options ?? new MalformedOutputOptions();
        TrainingOptionsValidator.ThrowIfInvalid(this.options, nameof(options));
    }

    /// <summary>A detector with the reference thresholds.</summary>
    public static MalformedOutputDetector Reference { get; } = new();

    /// <summary>Returns why <paramref name="step"/>'s output is malformed, or null when it is well formed.</summary>
    /// <param name="step">The step to check.</param>
    public string? Detect(StepRecord step)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(step.Node, nameof(step));

        if (step.Node.Kind == StepKind.BadFormat || step.ActionTypes.Count == 0)
        {
            return "no parsable action";
        }

        var output = step.ModelOutput ?? "";
        if (IsSignal(step))
        {
            var trimmed = output.AsSpan().Trim();
            var length = CountCodePoints(trimmed);
            if (length > options.MaxSignalAnswerLength)
            {
                return string.Create(CultureInfo.InvariantCulture, $"a screenshot_validated/finish answer of {length} characters (limit {options.MaxSignalAnswerLength})");
            }

            if (step.HasArtifact || output.Contains("boltArtifact", StringComparison.Ordinal))
            {
                return "a screenshot_validated/finish answer that also carries a boltArtifact";
            }
        }

        var coverage = RepetitionCoverage.Measure(output, options.RepetitionChunkLength, options.RepetitionMinOccurrences);
        if (coverage >= options.RepetitionMinCoverage)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"degenerate repetition: {coverage:P0} of {options.RepetitionChunkLength}-character chunks occur {options.RepetitionMinOccurrences} or more times");
        }

        return null;
    }

    private static bool IsSignal(StepRecord step)
    {
        if (step.Node.Kind is StepKind.Validate or StepKind.Finish)
        {
            return true;
        }

        foreach (var type in step.ActionTypes)
        {
            if (string.Equals(type, ScreenshotValidatedType, StringComparison.OrdinalIgnoreCase)
                || string.Equals(type, FinishType, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static int CountCodePoints(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
