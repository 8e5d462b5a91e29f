using Microsoft.Extensions.AI;

namespace WebGen.Bench;

/// <summary>What a <see cref="IBenchCaseAgent"/> did on one test case.</summary>
public sealed record class BenchCaseRun
{
    /// <summary>
    /// The agent's answer (for the WebVoyager agent, the text after <c>ANSWER;</c>): the <see cref="BenchVerdictMode.Exact"/>
    /// verdict is read from it. Null when the agent gave no answer.
    /// </summary>
    public string? FinalAnswer { get; init; }

    /// <summary>
    /// The agent's last message, whole and unedited (its reasoning included): the <see cref="BenchVerdictMode.Reference"/>
    /// verdict is read from it, as the published harness does. Null when the agent wrote none.
    /// </summary>
    public string? LastMessage { get; init; }

    /// <summary>Every action the agent took, with screenshots when kept.</summary>
    public IReadOnlyList<GuiTrajectoryStep> Trajectory { get; init; } = [];

    /// <summary>Tokens the agent spent.</summary>
    public UsageDetails? Usage { get; init; }

    /// <summary>What went wrong on the site that kept the agent from answering normally; null when nothing did.</summary>
    public string? Failure { get; init; }
}
