using Microsoft.Extensions.AI;

namespace WebGen.Bench;

/// <summary>What a <see cref="IBenchCaseAgent"/> did on one test case.</summary>
public sealed record class BenchCaseRun
{
    /// <summary>
    /// The agent's last message, whole and unedited: the verdict is read from it (see <see cref="BenchVerdictParser"/>).
    /// Null when the agent gave no answer.
    /// </summary>
    public string? FinalAnswer { get; init; }

    /// <summary>Every action the agent took, with screenshots when kept.</summary>
    public IReadOnlyList<GuiTrajectoryStep> Trajectory { get; init; } = [];

    /// <summary>Tokens the agent spent.</summary>
    public UsageDetails? Usage { get; init; }

    /// <summary>What went wrong on the site that kept the agent from answering normally; null when nothing did.</summary>
    public string? Failure { get; init; }
}
