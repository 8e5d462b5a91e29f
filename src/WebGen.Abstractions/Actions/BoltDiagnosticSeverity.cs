namespace WebGen;

/// <summary>Severity of a <see cref="BoltDiagnostic"/>.</summary>
public enum BoltDiagnosticSeverity
{
    /// <summary>Recovered from; the action was still used.</summary>
    Warning,

    /// <summary>An action was lost or the answer could not be used.</summary>
    Error,
}
