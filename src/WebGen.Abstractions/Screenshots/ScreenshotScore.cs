namespace WebGen;

/// <summary>A named score with its reason. Values are normalised to 0–1 (1 is best).</summary>
public sealed record class ScreenshotScore
{
    /// <summary>A short stable name, for example <c>blank-page</c> or <c>brand-colours</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The score in [0, 1].</summary>
    public required double Value { get; init; }

    /// <summary>Why the scorer gave this value, phrased for the model and the report.</summary>
    public required string Reason { get; init; }

    /// <summary>True when the problem is so severe that grading the screenshot is pointless.</summary>
    public bool IsFatal { get; init; }

    /// <summary>A passing score.</summary>
    /// <param name="name">The scorer name.</param>
    /// <param name="reason">Why it passed.</param>
    public static ScreenshotScore Pass(string name, string reason) => new() { Name = name, Value = 1, Reason = reason };

    /// <summary>A fatal failing score.</summary>
    /// <param name="name">The scorer name.</param>
    /// <param name="reason">What is wrong.</param>
    public static ScreenshotScore Fatal(string name, string reason) => new() { Name = name, Value = 0, Reason = reason, IsFatal = true };
}
