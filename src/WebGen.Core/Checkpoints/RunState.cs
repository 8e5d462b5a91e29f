using Microsoft.Extensions.AI;

namespace WebGen;

/// <summary>Where a run stands after its last completed step or backtrack (<c>state.json</c>).</summary>
public sealed record class RunState
{
    /// <summary>The last completed step (0 before the first).</summary>
    public int LastStep { get; init; }

    /// <summary>The node the next step continues from; null from scratch.</summary>
    public int? CurrentNode { get; init; }

    /// <summary>Unexpected failures restarted so far.</summary>
    public int Restarts { get; init; }

    /// <summary>Backtracks so far, in order.</summary>
    public IReadOnlyList<BacktrackRecord> Backtracks { get; init; } = [];

    /// <summary>Tokens spent so far by all models.</summary>
    public UsageDetails Usage { get; init; } = new();

    /// <summary>Set when the run ended.</summary>
    public WebGenStopReason? StopReason { get; init; }
}
