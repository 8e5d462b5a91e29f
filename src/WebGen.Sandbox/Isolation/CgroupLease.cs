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

    /// <summary>
    /// Every process of the stage, wherever it is in the process tree: the outer bubblewrap, its init inside the
    /// namespace (a session of its own), and what they started. Nothing inside can leave the group: it sees no cgroupfs.
    /// </summary>
    public List<int> Members()
    {
        var pids = new List<int>();
        try
        {
            foreach (var line in File.ReadLines(Path.Combine(_directories[0], "cgroup.procs")))
            {
                if (int.TryParse(line, out var pid))
                {
                    pids.Add(pid);
                }
            }
        }
        catch (IOException)
        {
            // The group is gone: so are its processes.
        }

        return pids;
    }

    public void Dispose()
    {
        foreach (var directory in _directories)
        {
            TryRemoveTree(directory);
        }
    }

    /// <summary>Removes a group (and empty children) once its processes are gone; a busy group is left for a later start-up.</summary>
    /// <param name="directory">The group.</param>
    /// <param name="killMembers">SIGKILL what is still in it first: the stages of a host that died.</param>
    internal static void TryRemoveTree(string directory, bool killMembers = false)
    {
        try
        {
            foreach (var child in Directory.EnumerateDirectories(directory))
            {
                TryRemoveTree(child, killMembers);
            }

            if (killMembers)
            {
                foreach (var line in File.ReadLines(Path.Combine(directory, "cgroup.procs")))
                {
                    if (int.TryParse(line, out var pid))
                    {
                        _ = Processes.NativeMethods.Kill(pid, Processes.NativeMethods.SIGKILL);
                    }
                }
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
