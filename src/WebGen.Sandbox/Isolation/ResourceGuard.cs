using System.Globalization;
using WebGen.Sandbox.Processes;

namespace WebGen.Sandbox.Isolation;

/// <summary>
/// Watches one contained stage while it runs and stops it — every process of it, through its pid namespace — the
/// moment it exceeds a limit: processes and memory through the stage's cgroups when this process may create them,
/// otherwise by counting the namespace's processes and their resident memory in <c>/proc</c>; the workspace's size on
/// disk by measuring it at an interval that keeps the measurement's cost near 2% of one core.
/// </summary>
internal sealed class ResourceGuard : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MinDiskInterval = TimeSpan.FromSeconds(1);
    private const long GrowthSlack = 1024 * 1024;

    private readonly SandboxLimits _limits;
    private readonly CgroupLease? _cgroups;
    private readonly string _workspace;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private string? _namespace;
    private int _disposed;

    public ResourceGuard(SandboxLimits limits, CgroupLease? cgroups, string workspace, TimeProvider time)
    {
        _limits = limits;
        _cgroups = cgroups;
        _workspace = workspace;
        _time = time;
        Marker = Guid.NewGuid().ToString("N");
    }

    /// <summary>The variable every process of the stage inherits, so the stage can be found without cgroups.</summary>
    public const string MarkerVariable = "WEBGEN_SANDBOX_STAGE";

    /// <summary>This stage's value of <see cref="MarkerVariable"/>.</summary>
    public string Marker { get; }

    /// <summary>
    /// Every live process of the stage. The stage's init inside its pid namespace leads a session of its own, so it is
    /// not in the outer process's group; and it may outlive the outer process when that is killed before bubblewrap has
    /// tied the two together. The stage's cgroup holds them all; without cgroups, the marker variable finds them (a
    /// process that dropped it is still ended with the namespace when its init is).
    /// </summary>
    public IReadOnlyList<int> Members()
    {
        if (_cgroups is not null)
        {
            return _cgroups.Members();
        }

        var needle = $"{MarkerVariable}={Marker}";
        var members = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (File.ReadAllText($"{directory}/environ").Split('\0').Contains(needle))
                {
                    members.Add(pid);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Exited, or not ours to read.
            }
        }

        return members;
    }

    /// <summary>The limit that stopped the stage, or <see cref="SandboxLimit.None"/>.</summary>
    public SandboxLimit Exceeded { get; private set; }

    /// <summary>Starts watching <paramref name="child"/> (the contained stage's outermost process) until it exits.</summary>
    public void Watch(ChildProcess child) => _ = WatchAsync(child);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        if (_cgroups is not null)
        {
            // The kernel may have ended the stage itself (the OOM killer) after the last poll: its counters say so.
            if (Exceeded == SandboxLimit.None)
            {
                Exceeded = _cgroups.Hit();
            }

            _cgroups.Dispose();
        }

        _stop.Dispose();
    }

    private async Task WatchAsync(ChildProcess child)
    {
        var token = _stop.Token;
        var nextDiskCheck = _time.GetTimestamp();
        var diskInterval = MinDiskInterval;

        // A stage that starts over the limit may still run (to delete files, say); it is stopped only when it grows.
        var baseline = WorkspaceBytes(_workspace);
        try
        {
            while (!child.HasExited && !token.IsCancellationRequested)
            {
                var hit = _cgroups?.Hit() ?? ProcessTableHit(child);
                if (hit == SandboxLimit.None && _time.GetTimestamp() >= nextDiskCheck)
                {
                    var started = _time.GetTimestamp();
                    var size = WorkspaceBytes(_workspace);
                    if (size > _limits.MaxWorkspaceBytes && size > baseline + GrowthSlack)
                    {
                        hit = SandboxLimit.Disk;
                    }

                    var cost = _time.GetElapsedTime(started);
                    diskInterval = cost * 50 > MinDiskInterval ? cost * 50 : MinDiskInterval;
                    nextDiskCheck = _time.GetTimestamp() + (long)(diskInterval.TotalSeconds * _time.TimestampFrequency);
                }

                if (hit != SandboxLimit.None)
                {
                    Exceeded = hit;
                    child.Kill();
                    return;
                }

                await Task.WhenAny(child.Exited, Task.Delay(PollInterval, _time, token)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed: the stage is over.
        }
        catch (ObjectDisposedException)
        {
            // Disposed while a check was running.
        }
    }

    /// <summary>Without cgroups: the namespace's processes (threads counted, like the pids controller) and their resident memory.</summary>
    private SandboxLimit ProcessTableHit(ChildProcess child)
    {
        _namespace ??= PidNamespaceBelow(child.Pid);
        if (_namespace is null)
        {
            return SandboxLimit.None;
        }

        long tasks = 0;
        long resident = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(directory);
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || ReadLink($"/proc/{name}/ns/pid") != _namespace)
            {
                continue;
            }

            tasks += Threads(pid);
            resident += ProcessTable.ResidentBytes(pid);
        }

        return tasks > _limits.MaxProcesses ? SandboxLimit.Processes
            : resident > _limits.MemoryBytes ? SandboxLimit.Memory
            : SandboxLimit.None;
    }

    /// <summary>The pid namespace of <paramref name="pid"/>'s first child (bubblewrap's init inside the new namespace).</summary>
    private static string? PidNamespaceBelow(int pid)
    {
        try
        {
            var children = File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return children.Length == 0 ? null : ReadLink($"/proc/{children[0]}/ns/pid");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? ReadLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long Threads(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("Threads:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(8).Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            // Exited while being read.
        }

        return 1;
    }

    /// <summary>
    /// True when a file in the workspace has reached the file-size limit: a write was cut there. Node ignores SIGXFSZ
    /// (its write fails with EFBIG instead), so this is how a failed stage is known to have hit the limit.
    /// </summary>
    public bool FileAtSizeLimit()
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        try
        {
            return new DirectoryInfo(_workspace).EnumerateFiles("*", options).Any(f => f.Length >= _limits.MaxFileSizeBytes);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Bytes of the regular files under <paramref name="directory"/>, links not followed.</summary>
    internal static long WorkspaceBytes(string directory)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        long total = 0;
        try
        {
            foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*", options))
            {
                total += file.Length;
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Files change while the stage runs; a partial sum is only a lower bound and the next check corrects it.
        }

        return total;
    }
}
