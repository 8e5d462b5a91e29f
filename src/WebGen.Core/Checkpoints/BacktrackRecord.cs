namespace WebGen;

/// <summary>One backtrack of a run.</summary>
public sealed record class BacktrackRecord
{
    /// <summary>The last step before the backtrack.</summary>
    public required int AfterStep { get; init; }

    /// <summary>The step the run went back to; null when it started over from scratch.</summary>
    public int? ToStep { get; init; }

    /// <summary>Why.</summary>
    public required string Reason { get; init; }

    /// <summary>When.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
