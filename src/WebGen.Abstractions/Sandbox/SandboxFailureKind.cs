namespace WebGen;

/// <summary>Classified reason why a site is not running.</summary>
public enum SandboxFailureKind
{
    /// <summary>The site is running.</summary>
    None,

    /// <summary>The project itself is invalid (no or unreadable <c>package.json</c>, no start script).</summary>
    InvalidProject,

    /// <summary>Dependency installation failed.</summary>
    InstallFailed,

    /// <summary>The start command exited or failed before the server was ready.</summary>
    StartFailed,

    /// <summary>The server process stayed alive but never answered HTTP in time.</summary>
    NotReadyInTime,

    /// <summary>A server that was running has died.</summary>
    Crashed,

    /// <summary>
    /// The site's processes hit a resource limit of the sandbox (memory, processes, file size, disk, CPU time)
    /// and were stopped; <see cref="SandboxStageResult.LimitExceeded"/> says which.
    /// </summary>
    LimitExceeded,
}
