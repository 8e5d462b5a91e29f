namespace WebGen.Bench;

/// <summary>One attempt at a task in the Web-Bench protocol: the solver's change, then the evaluation through that task.</summary>
public sealed record class WebBenchAttempt
{
    /// <summary>The task (1 for <c>task-1</c>).</summary>
    public required int Task { get; init; }

    /// <summary>1, or 2 for the retry with the first attempt's error output.</summary>
    public required int Attempt { get; init; }

    /// <summary>What the solver reported (its own failure, a summary of its change), if anything.</summary>
    public string? SolverMessage { get; init; }

    /// <summary>The evaluation through <see cref="Task"/> after the change.</summary>
    public required WebBenchEvaluation Evaluation { get; init; }

    /// <summary>True when the evaluation passed.</summary>
    public bool Passed => Evaluation.Passed;
}
