namespace WebGen;

/// <summary>A step started; the code model is being asked.</summary>
public sealed record class StepStartedEvent : WebGenEvent
{
    /// <summary>The step it continues from; null from scratch.</summary>
    public int? Parent { get; init; }
}
