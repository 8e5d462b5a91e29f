namespace WebGen.Sandbox.Isolation;

/// <summary>What one stage may see and do inside the boundary.</summary>
internal sealed record class IsolationProfile
{
    /// <summary>The stage's name for messages and logs (<c>install</c>, <c>build</c>, <c>server</c>, <c>shell</c>).</summary>
    public required string Stage { get; init; }

    /// <summary>The only host directory the stage may write (the workspace, or the template directory).</summary>
    public required string WritableDirectory { get; init; }

    public IsolationNetwork Network { get; init; }

    /// <summary>True when npm may write the shared cache (installs); every other stage reads it only.</summary>
    public bool WritableNpmCache { get; init; }

    /// <summary>For <see cref="IsolationNetwork.Bridge"/>: the host directory that holds the relay's socket.</summary>
    public string? BridgeDirectory { get; init; }

    /// <summary>For <see cref="IsolationNetwork.Bridge"/>: the port the dev server listens on inside.</summary>
    public int Port { get; init; }
}
