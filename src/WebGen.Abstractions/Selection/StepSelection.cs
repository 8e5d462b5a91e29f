namespace WebGen;

/// <summary>The step chosen by an <see cref="IStepSelector"/> and why.</summary>
public sealed record class StepSelection
{
    /// <summary>The chosen node.</summary>
    public required StepNode Node { get; init; }

    /// <summary>
    /// True when the node is a valid restore point (reference: grade 3 or more and no error).
    /// Backtracking to an invalid selection starts over from the bare instruction instead.
    /// </summary>
    public required bool IsValid { get; init; }

    /// <summary>Why this node won, for logs and the report.</summary>
    public required string Reason { get; init; }
}
