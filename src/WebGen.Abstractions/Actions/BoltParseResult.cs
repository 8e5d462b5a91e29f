namespace WebGen;

/// <summary>The typed actions found in one model answer, with what the parser noticed.</summary>
public sealed record class BoltParseResult
{
    /// <summary>The actions in the order they appear.</summary>
    public IReadOnlyList<BoltAction> Actions { get; init; } = [];

    /// <summary>Recovered problems and errors.</summary>
    public IReadOnlyList<BoltDiagnostic> Diagnostics { get; init; } = [];

    /// <summary>The <c>title</c> attribute of the artifact, when present.</summary>
    public string? ArtifactTitle { get; init; }

    /// <summary>True when the answer holds a <c>&lt;boltArtifact&gt;</c> element.</summary>
    public bool HasArtifact { get; init; }

    /// <summary>True when no usable action was found: the step is recorded as bad format.</summary>
    public bool IsMalformed => Actions.Count == 0;
}
