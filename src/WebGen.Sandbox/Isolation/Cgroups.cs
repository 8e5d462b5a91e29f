using System.Globalization;

namespace WebGen.Sandbox.Isolation;

/// <summary>
/// Per-stage control groups for the two limits rlimits cannot give: processes (a fork bomb) and memory of a whole
/// stage. Used when this process may create cgroups — cgroup v1 <c>pids</c> and <c>memory</c> hierarchies it can
/// write, or a delegated cgroup v2 subtree — under a base group named after this process; stale base groups of dead
/// processes are removed. Where none is writable, <see cref="ResourceGuard"/> enforces both by watching <c>/proc</c>.
/// </summary>
internal sealed class Cgroups
{
    private const string Root = "/sys/fs/cgroup";
    private const string BasePrefix = "webgen-sandbox-";
    private static readonly Lazy<Cgroups?> Detected = new(Detect);
    private int _sequence;

    private Cgroups(bool unified, IReadOnlyList<string> bases)
    {
        Unified = unified;
        Bases = bases;
    }

    /// <summary>The usable cgroups of this process, or null when it cannot create any.</summary>
    public static Cgroups? Current => Detected.Value;

    /// <summary>True for cgroup v2 (one directory holds both limits).</summary>
    public bool Unified { get; }

    /// <summary>v1: the pids and memory base directories; v2: the one base directory.</summary>
    public IReadOnlyList<string> Bases { get; }

    public CgroupLease Create(SandboxLimits limits)
    {
        // Another process on this machine may have died (kill -9) while bubblewrap was starting a stage, before the stage
        // was tied to it; the first live sandbox to start a stage removes what it left, not only the next to start up.
        foreach (var parent in Bases.Select(Path.GetDirectoryName).OfType<string>())
        {
            RemoveGroupsOfDeadProcesses(parent);
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"stage-{Interlocked.Increment(ref _sequence)}");
        var directories = Bases.Select(b => Path.Combine(b, name)).ToList();
        foreach (var directory in directories)
        {
            Directory.CreateDirectory(directory);
        }

        var lease = new CgroupLease(Unified, directories);
        try
        {
            var processes = limits.MaxProcesses.ToString(CultureInfo.InvariantCulture);
            var memory = limits.MemoryBytes.ToString(CultureInfo.InvariantCulture);
            if (Unified)
            {
                File.WriteAllText(Path.Combine(directories[0], "pids.max"), processes);
                File.WriteAllText(Path.Combine(directories[0], "memory.max"), memory);
                TryWrite(Path.Combine(directories[0], "memory.swap.max"), "0");
            }
            else
            {
                File.WriteAllText(Path.Combine(directories[0], "pids.max"), processes);
                File.WriteAllText(Path.Combine(directories[1], "memory.limit_in_bytes"), memory);
            }
        }
        catch
        {
            lease.Dispose();
            throw;
        }

        return lease;
    }

    private static Cgroups? Detect()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/cgroup"))
        {
            return null;
        }

        try
        {
            var own = File.ReadAllLines("/proc/self/cgroup")
                .Select(l => l.Split(':', 3))
                .Where(p => p.Length == 3)
                .ToList();
            var pids = own.FirstOrDefault(p => p[1].Split(',').Contains("pids"));
            var memory = own.FirstOrDefault(p => p[1].Split(',').Contains("memory"));
            if (pids is not null && memory is not null && Directory.Exists(Path.Combine(Root, "pids")) && Directory.Exists(Path.Combine(Root, "memory")))
            {
                var bases = new[] { Base(Path.Combine(Root, "pids") + pids[2]), Base(Path.Combine(Root, "memory") + memory[2]) };
                return bases.All(b => b is not null) ? new Cgroups(unified: false, bases!) : null;
            }

            var unified = own.FirstOrDefault(p => p[0] == "0" && p[1].Length == 0);
            if (unified is not null && File.Exists(Path.Combine(Root, "cgroup.controllers")))
            {
                var parent = Root + unified[2];
                var available = File.ReadAllText(Path.Combine(parent, "cgroup.subtree_control")).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (!available.Contains("pids") || !available.Contains("memory"))
                {
                    return null;
                }

                var single = Base(parent);
                if (single is null)
                {
                    return null;
                }

                File.WriteAllText(Path.Combine(single, "cgroup.subtree_control"), "+pids +memory");
                return new Cgroups(unified: true, [single]);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Not delegated to this process: the watchdog enforces the limits instead.
        }

        return null;
    }

    /// <summary>Creates this process's base group under <paramref name="parent"/>, removing those of dead processes.</summary>
    private static string? Base(string parent)
    {
        if (!Directory.Exists(parent))
        {
            return null;
        }

        RemoveGroupsOfDeadProcesses(parent);
        var path = Path.Combine(parent, BasePrefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Removes (killing their members) the base groups under <paramref name="parent"/> of processes that are gone.</summary>
    private static void RemoveGroupsOfDeadProcesses(string parent)
    {
        try
        {
            foreach (var stale in Directory.EnumerateDirectories(parent, BasePrefix + "*"))
            {
                // A host that died (even by kill -9) may have left a stage that bubblewrap had not yet tied to it.
                if (int.TryParse(Path.GetFileName(stale)[BasePrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && !Directory.Exists($"/proc/{pid}"))
                {
                    CgroupLease.TryRemoveTree(stale, killMembers: true);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The parent went away or cannot be listed: nothing of ours to remove there.
        }
    }

    private static void TryWrite(string path, string value)
    {
        try
        {
            File.WriteAllText(path, value);
        }
        catch (IOException)
        {
            // Optional control (no swap accounting): the memory limit alone still holds.
        }
    }
}
