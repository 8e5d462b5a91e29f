namespace WebGen.Sandbox;

/// <summary>The operating-system boundary every process that runs model-written code goes through.</summary>
public enum SandboxIsolation
{
    /// <summary>
    /// bubblewrap when it is installed and user namespaces work; otherwise opening a session fails with an error
    /// that names the package to install. Never falls back to running unisolated.
    /// </summary>
    Auto,

    /// <summary>
    /// bubblewrap (<c>bwrap</c>): new user, pid, ipc, uts and network namespaces as an unprivileged uid, a read-only
    /// system, the workspace as the only writable host path, resource limits; every process of a stage dies with it
    /// and with the host. Opening a session fails when it is unavailable.
    /// </summary>
    Bubblewrap,

    /// <summary>
    /// No boundary: installs, dev servers, builds and shell actions run with the host user's rights and can read
    /// the user's files and reach the network. Only the inner layers remain (scrubbed environment, no lifecycle
    /// scripts, allow-listed shell). Must be chosen explicitly; it is logged as a warning and every result says so.
    /// </summary>
    None,
}
