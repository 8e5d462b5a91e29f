namespace WebGen.Sandbox.Isolation;

/// <summary>What network a stage sees.</summary>
internal enum IsolationNetwork
{
    /// <summary>Only its own loopback: nothing outside the namespace is reachable.</summary>
    None,

    /// <summary>
    /// Its own loopback, plus an HTTP proxy (the relay inside, <see cref="EgressProxy"/> on the host) that reaches only
    /// the package registries: for dependency installs.
    /// </summary>
    Registry,

    /// <summary>Its own loopback, plus the sandbox's relay that carries the host's connections to the dev server.</summary>
    Bridge,
}
