namespace WebGen;

/// <summary>The run ended; the last event of every stream that was not cancelled.</summary>
public sealed record class RunCompletedEvent : WebGenEvent
{
    /// <summary>The result.</summary>
    public required WebGenResult Result { get; init; }
}
