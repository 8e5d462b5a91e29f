using Microsoft.Extensions.AI;

namespace WebGen;

/// <summary>The code model answered and the answer was parsed.</summary>
public sealed record class ModelRespondedEvent : WebGenEvent
{
    /// <summary>The raw answer.</summary>
    public required string Output { get; init; }

    /// <summary>The action types found, in order.</summary>
    public IReadOnlyList<string> ActionTypes { get; init; } = [];

    /// <summary>What the parser noticed.</summary>
    public IReadOnlyList<BoltDiagnostic> Diagnostics { get; init; } = [];

    /// <summary>Tokens spent.</summary>
    public UsageDetails? Usage { get; init; }
}
