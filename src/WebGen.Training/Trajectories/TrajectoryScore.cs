namespace WebGen.Training;

/// <summary>A screenshot scorer's score of a step, as exported (see <see cref="ScreenshotScore"/>).</summary>
public sealed record class TrajectoryScore
{
    /// <summary>The scorer name, for example <c>blank-page</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The score in [0, 1].</summary>
    public required double Value { get; init; }

    /// <summary>Why the scorer gave this value.</summary>
    public string Reason { get; init; } = "";

    /// <summary>True when the problem made grading the screenshot pointless.</summary>
    public bool IsFatal { get; init; }
}
