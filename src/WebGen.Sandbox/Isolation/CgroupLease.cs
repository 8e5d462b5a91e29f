namespace WebGen.Sandbox.Isolation;

/// <summary>One stage's control groups: joined by the stage's first process, read for limit events, removed afterwards.</summary>
internal sealed class CgroupLease : IDisposable
{
    private readonly bool _unified;
    private readonly IReadOnlyList<string> _directories;

    public CgroupLease(bool unified, IReadOnlyList<string> directories)
    {
        _unified = unified;
        _directories = directories;
    }

    /// <summary>The <c>cgroup.procs</c> files the stage's first process writes its pid into before it starts anything.</summary>
    public IEnumerable<string> ProcsFiles => _directories.Select(d => Path.Combine(d, "cgroup.procs"));

    /// <summary>The limit the stage has hit so far, if any.</summary>
    public SandboxLimit Hit()
    {
        if (Counter(Path.Combine(_directories[0], "pids.events"), "max") > 0)
        {
            return SandboxLimit.Processes;
        }

        var memoryEvents = _unified ? Path.Combine(_directories[0], "memory.events") : Path.Combine(_directories[1], "memory.oom_control");
        return Counter(memoryEvents, "oom_kill") > 0 ? SandboxLimit.Memory : SandboxLimit.None;
    }

    /// <summary>Processes still in the stage's group.</summary>
    public int Members()
    {
        try
        {
            return File.ReadAllLines(Path.Combine(_directories[0], "cgroup.procs")).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public void Dispose()
    {
        foreach (var directory in _directories)
        {
            TryRemoveTree(directory);
        }
    }

    /// <summary>Removes a group (and empty children) once its processes are gone; a busy group is left for a later start-up.</summary>
    internal static void TryRemoveTree(string directory)
    {
        try
        {
            foreach (var child in Directory.EnumerateDirectories(directory))
            {
                TryRemoveTree(child);
            }

            for (var attempt = 0; attempt < 50; attempt++)
            {
                try
                {
                    Directory.Delete(directory);
                    return;
                }
                catch (IOException) when (attempt < 49)
                {
                    // EBUSY while the kernel finishes reaping the stage's last processes.
                    Thread.Sleep(10);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // An empty group left behind costs nothing; the next start-up of a process removes stale ones.
        }
    }

    private static long Counter(string file, string key)
    {
        try
        {
            foreach (var line in File.ReadLines(file))
            {
                var parts = line.Split(' ', 2);
                if (parts.Length == 2 && parts[0] == key && long.TryParse(parts[1], out var value))
                {
                    return value;
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }
}
