namespace WebGen.Sandbox.Isolation;

/// <summary>What network a stage sees.</summary>
internal enum IsolationNetwork
{
    /// <summary>Only its own loopback: nothing outside the namespace is reachable.</summary>
    None,

    /// <summary>The host's network, for dependency installs that must reach the registry.</summary>
    Host,

    /// <summary>Its own loopback, plus the sandbox's relay that carries the host's connections to the dev server.</summary>
    Bridge,
}
