namespace WebGen;

/// <summary>The run went back to an earlier step (or to scratch) after repeated errors or an exception.</summary>
public sealed record class BacktrackedEvent : WebGenEvent
{
    /// <summary>The step the run continues from; null when it started over from the bare instruction.</summary>
    public int? ToStep { get; init; }

    /// <summary>Why it backtracked.</summary>
    public required string Reason { get; init; }
}
