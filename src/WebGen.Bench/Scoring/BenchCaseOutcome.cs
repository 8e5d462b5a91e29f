namespace WebGen.Bench;

/// <summary>How one test case counts in the scores.</summary>
public enum BenchCaseOutcome
{
    /// <summary>Not finished yet (or retried on the next run); scores 0 until it is.</summary>
    Pending,

    /// <summary>Fully achieved: scores 1.</summary>
    Yes,

    /// <summary>Partly achieved: scores 0.5.</summary>
    Partial,

    /// <summary>Not achieved, or no verdict could be read: scores 0.</summary>
    No,

    /// <summary>The site did not start: scores 0.</summary>
    StartFailed,

    /// <summary>
    /// Smoke-checked, not judged (<see cref="BenchCaseJudgement.Smoke"/>): the page worked, with no errors on load or while
    /// every button and link was clicked. Says nothing about whether the case's expected result happened.
    /// </summary>
    SmokePassed,

    /// <summary>Smoke-checked, not judged (<see cref="BenchCaseJudgement.Smoke"/>): the page raised errors on load or while clicking, or did not load.</summary>
    SmokeFailed,
}
