namespace WebGen.Training.Server;

/// <summary>Which step ran and what the answer did.</summary>
public sealed record class StepInfo
{
    /// <summary>The step number, from 1.</summary>
    public required int Number { get; init; }

    /// <summary><c>code</c>, <c>validate</c>, <c>finish</c> or <c>bad_format</c>.</summary>
    public required StepKind Kind { get; init; }
}
