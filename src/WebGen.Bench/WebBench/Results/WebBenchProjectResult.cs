namespace WebGen.Bench;

/// <summary>A project's result: its attempts (protocol) or its one evaluation (final solution), and its score.</summary>
public sealed record class WebBenchProjectResult
{
    /// <summary>The project.</summary>
    public required string Project { get; init; }

    /// <summary>The project's number of tasks.</summary>
    public required int Tasks { get; init; }

    /// <summary>The attempts in order (protocol runs); empty for a final-solution evaluation.</summary>
    public IReadOnlyList<WebBenchAttempt> Attempts { get; init; } = [];

    /// <summary>The evaluation of the final solution against every task's tests (reference and final-solution runs); null for protocol runs.</summary>
    public WebBenchEvaluation? Final { get; init; }

    /// <summary>Every case of the project (from the last evaluation, plus the cases of tasks never reached as not run).</summary>
    public IReadOnlyList<WebBenchCaseResult> Cases { get; init; } = [];

    /// <summary>Why the project could not be evaluated at all (no solution, a missing library, …), if so.</summary>
    public string? Problem { get; init; }

    /// <summary>The project's score.</summary>
    public required WebBenchScore Score { get; init; }
}
