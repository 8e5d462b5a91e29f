namespace WebGen;

/// <summary>Something the Bolt parser noticed while reading a model answer.</summary>
public sealed record class BoltDiagnostic
{
    /// <summary>Whether the problem made the answer unusable.</summary>
    public required BoltDiagnosticSeverity Severity { get; init; }

    /// <summary>What was wrong, written for the model to read in its feedback.</summary>
    public required string Message { get; init; }

    /// <summary>Character offset in the answer where the problem starts.</summary>
    public int Offset { get; init; }
}
