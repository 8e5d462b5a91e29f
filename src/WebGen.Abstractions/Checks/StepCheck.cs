namespace WebGen;

/// <summary>
/// The outcome of a check a step stage ran on the site (the project's unit tests, a linter, a type check):
/// a failed check makes the step erroneous and is reported to the code model; rewards can read its score.
/// </summary>
public sealed record class StepCheck
{
    /// <summary>A short, stable name (for example <c>unit-tests</c>); reward terms and reports find the check by it.</summary>
    public required string Name { get; init; }

    /// <summary>True when the check passed.</summary>
    public required bool Passed { get; init; }

    /// <summary>How well the site did, from 0 to 1 (for example the share of tests that passed).</summary>
    public double Score { get; init; }

    /// <summary>One or two sentences for the code model: what failed and where.</summary>
    public string Summary { get; init; } = "";

    /// <summary>An excerpt of the check's output (test runner or linter messages), quoted in the feedback.</summary>
    public string? Details { get; init; }

    /// <summary>How long the check took.</summary>
    public TimeSpan Duration { get; init; }
}
