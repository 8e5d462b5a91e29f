using System.ComponentModel.DataAnnotations;

namespace WebGen.Sandbox;

/// <summary>
/// Resource limits of every isolated stage (install, build, dev server, shell action). The defaults are far above
/// what a typical React/Vite site needs; a stage that hits one is stopped and reported with
/// <see cref="SandboxLimit"/> and a message the model can act on, while the host and other episodes keep working.
/// Enforced only with <see cref="SandboxIsolation.Bubblewrap"/> (or <see cref="SandboxIsolation.Auto"/>).
/// </summary>
public sealed class SandboxLimits
{
    /// <summary>Memory of all processes of one stage together, in bytes (default 3 GiB).</summary>
    [Range(64L * 1024 * 1024, long.MaxValue)]
    public long MemoryBytes { get; set; } = 3L * 1024 * 1024 * 1024;

    /// <summary>Processes and threads of one stage together (default 2048; a Vite dev server uses about 40).</summary>
    [Range(16, 1_000_000)]
    public int MaxProcesses { get; set; } = 2048;

    /// <summary>Open files per process (default 16384).</summary>
    [Range(64, 1_048_576)]
    public int MaxOpenFiles { get; set; } = 16384;

    /// <summary>Size of any one file a process writes, in bytes (default 1 GiB).</summary>
    [Range(1024 * 1024, long.MaxValue)]
    public long MaxFileSizeBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>
    /// Size of the whole workspace on disk (node_modules included) while a stage runs, in bytes (default 4 GiB).
    /// Checked while the stage runs, at an interval that keeps the check's cost low.
    /// </summary>
    [Range(16L * 1024 * 1024, long.MaxValue)]
    public long MaxWorkspaceBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Size of the private, in-memory <c>/tmp</c> (which also holds <c>HOME</c>), in bytes (default 512 MiB).</summary>
    [Range(1024 * 1024, long.MaxValue)]
    public long TempBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>CPU time of any one process (default 30 minutes: a dev server lives for the whole episode).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CpuTime { get; set; } = TimeSpan.FromMinutes(30);

    internal SandboxLimits Clone() => (SandboxLimits)MemberwiseClone();
}
