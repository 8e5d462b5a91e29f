using Microsoft.Extensions.AI;

namespace WebGen;

/// <summary>The outcome of a GUI test: the agent's trajectory, its verdict and the summary grade.</summary>
public sealed record class GuiTestResult
{
    /// <summary>The GUI agent's final verdict, parsed exactly from its answer.</summary>
    public GuiVerdict Verdict { get; init; }

    /// <summary>The agent's final answer text.</summary>
    public string? FinalAnswer { get; init; }

    /// <summary>
    /// The agent's last message, whole (its reasoning included): what the WebGen-Bench harness reads the verdict from.
    /// Null when the agent wrote none.
    /// </summary>
    public string? LastMessage { get; init; }

    /// <summary>True when the summary judged that the test passed.</summary>
    public bool Passed { get; init; }

    /// <summary>Functional grade 1–5 from the trajectory summary; 0 when the test could not run.</summary>
    public int Grade { get; init; }

    /// <summary>What to improve, for the code model.</summary>
    public string Suggestions { get; init; } = "";

    /// <summary>Every action the agent took.</summary>
    public IReadOnlyList<GuiTrajectoryStep> Trajectory { get; init; } = [];

    /// <summary>Why the test could not run or be summarised; null when it did.</summary>
    public string? Failure { get; init; }

    /// <summary>Tokens spent by the agent and the summary.</summary>
    public UsageDetails? Usage { get; init; }
}
