namespace WebGen;

/// <summary>How one sandbox stage (install or start) ended.</summary>
public enum SandboxStageStatus
{
    /// <summary>The stage ran and succeeded.</summary>
    Succeeded,

    /// <summary>The stage was not needed (dependencies unchanged, server already running).</summary>
    Skipped,

    /// <summary>The stage ran and failed.</summary>
    Failed,

    /// <summary>The stage hit its time limit.</summary>
    TimedOut,

    /// <summary>The stage did not run because an earlier one failed.</summary>
    NotRun,
}
