namespace WebGen;

/// <summary>How the processes that ran model-written code were contained.</summary>
public enum SandboxContainment
{
    /// <summary>The sandbox did not say (a custom <see cref="ISandbox"/> that predates this property).</summary>
    Unspecified,

    /// <summary>
    /// No operating-system boundary: processes ran with the host user's rights, because the caller chose so
    /// explicitly. Runs and reports made this way say so.
    /// </summary>
    None,

    /// <summary>
    /// An operating-system boundary (namespaces, a container or a virtual machine): no host files but the
    /// workspace, no host processes, no network the stage does not need, resource limits.
    /// </summary>
    OperatingSystem,
}
