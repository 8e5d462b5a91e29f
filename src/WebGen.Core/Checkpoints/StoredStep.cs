namespace WebGen;

/// <summary>The content of <c>step.json</c>: the step and the run state right after it.</summary>
internal sealed record class StoredStep
{
    public required StepRecord Record { get; init; }

    public required RunState StateAfter { get; init; }
}
