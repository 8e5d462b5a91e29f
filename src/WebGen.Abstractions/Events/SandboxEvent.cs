namespace WebGen;

/// <summary>Install and start finished.</summary>
public sealed record class SandboxEvent : WebGenEvent
{
    /// <summary>The outcome.</summary>
    public required SandboxRunResult Result { get; init; }
}
