namespace WebGen.Bench;

/// <summary>Whether one attempt at a task passed: the evaluation through that task (init and tasks 1 … n) had no failing case.</summary>
public sealed record class WebBenchAttemptOutcome
{
    /// <summary>The task (1 for <c>task-1</c>).</summary>
    public required int Task { get; init; }

    /// <summary>1 for the first attempt, 2 for the retry with the error output.</summary>
    public required int Attempt { get; init; }

    /// <summary>True when every case of the evaluation passed.</summary>
    public required bool Passed { get; init; }
}
