namespace WebGen;

/// <summary>A file action refused by the workspace jail.</summary>
public sealed record class RejectedFile
{
    /// <summary>The path exactly as the model wrote it.</summary>
    public required string Path { get; init; }

    /// <summary>Why it was refused, phrased for the model.</summary>
    public required string Reason { get; init; }
}
