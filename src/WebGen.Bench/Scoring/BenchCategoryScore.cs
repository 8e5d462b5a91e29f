namespace WebGen.Bench;

/// <summary>Scores of the cases of one category (a task's primary category or a test case's).</summary>
public sealed record class BenchCategoryScore
{
    /// <summary>The primary category.</summary>
    public required string Category { get; init; }

    /// <summary>Test cases in the category (the denominator).</summary>
    public int Cases { get; init; }

    /// <summary>Cases answered YES.</summary>
    public int Yes { get; init; }

    /// <summary>Cases answered PARTIAL.</summary>
    public int Partial { get; init; }

    /// <summary>Cases answered NO or unreadably.</summary>
    public int No { get; init; }

    /// <summary>Cases of sites that did not start.</summary>
    public int StartFailed { get; init; }

    /// <summary>Cases not finished yet.</summary>
    public int Pending { get; init; }

    /// <summary>Smoke-checked cases whose page worked without errors (not judged).</summary>
    public int SmokePassed { get; init; }

    /// <summary>Smoke-checked cases whose page raised errors or did not load (not judged).</summary>
    public int SmokeFailed { get; init; }

    /// <summary>(YES + 0.5·PARTIAL) / cases, in percent; null when the cases were smoke-checked, not judged (accuracy not evaluated).</summary>
    public double? Accuracy { get; init; }

    /// <summary>Smoke-check passes / cases, in percent; null when the cases were judged by an agent.</summary>
    public double? SmokePassRate { get; init; }
}
