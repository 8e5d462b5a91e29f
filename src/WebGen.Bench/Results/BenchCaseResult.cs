using Microsoft.Extensions.AI;

namespace WebGen.Bench;

/// <summary>A finished UI test case as recorded in the results directory (<c>results/&lt;task&gt;/case-NN/case.json</c>).</summary>
public sealed record class BenchCaseResult
{
    /// <summary>The task id.</summary>
    public required string TaskId { get; init; }

    /// <summary>The 0-based case index in its task.</summary>
    public required int CaseIndex { get; init; }

    /// <summary>The prompt the agent was given.</summary>
    public string Prompt { get; init; } = "";

    /// <summary>How the case was judged (the case agent's <see cref="IBenchCaseAgent.Judgement"/>); a smoke-checked case never counts toward accuracy.</summary>
    public BenchCaseJudgement Judgement { get; init; }

    /// <summary>
    /// The agent's answer; the <see cref="BenchVerdictMode.Exact"/> verdict is read from it when scores are computed. For a
    /// smoke-checked case, its YES means the smoke check passed (no errors while clicking), not that the case did.
    /// </summary>
    public string? FinalAnswer { get; init; }

    /// <summary>The agent's last message, whole: what the <see cref="BenchVerdictMode.Reference"/> verdict is read from.</summary>
    public string? LastMessage { get; init; }

    /// <summary>What the agent did; screenshots are stored beside <c>case.json</c> as <c>gui-NN.png</c>.</summary>
    public IReadOnlyList<GuiTrajectoryStep> Trajectory { get; init; } = [];

    /// <summary>What went wrong on the site (it stopped running, the case timed out, the agent met an error); null when nothing did.</summary>
    public string? Failure { get; init; }

    /// <summary>Tokens the agent spent.</summary>
    public UsageDetails? Usage { get; init; }

    /// <summary>When the case started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>How long it took.</summary>
    public TimeSpan Duration { get; init; }
}
