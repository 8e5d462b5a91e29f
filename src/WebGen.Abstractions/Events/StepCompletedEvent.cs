namespace WebGen;

/// <summary>A step finished and was checkpointed.</summary>
public sealed record class StepCompletedEvent : WebGenEvent
{
    /// <summary>The full step record.</summary>
    public required StepRecord Record { get; init; }

    /// <summary>Consecutive erroneous steps along the current branch, this one included.</summary>
    public int ErrorCount { get; init; }
}
