namespace WebGen;

/// <summary>A resource limit of the sandbox that ended a stage.</summary>
public enum SandboxLimit
{
    /// <summary>No limit was hit.</summary>
    None,

    /// <summary>The stage's processes together used more memory than allowed.</summary>
    Memory,

    /// <summary>The stage started more processes (or threads) than allowed, as a fork bomb does.</summary>
    Processes,

    /// <summary>A process wrote a file larger than allowed.</summary>
    FileSize,

    /// <summary>The workspace grew beyond its allowed size on disk.</summary>
    Disk,

    /// <summary>A process used more CPU time than allowed.</summary>
    CpuTime,
}
