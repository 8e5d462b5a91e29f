using System.Globalization;

namespace WebGen.Sandbox.Processes;

/// <summary>One row of <c>/proc/&lt;pid&gt;/stat</c>: the fields the sandbox needs to find a group's members.</summary>
internal readonly record struct ProcessEntry(int Pid, char State, int ParentPid, int ProcessGroup, int Session, ulong StartTime)
{
    public bool IsZombie => State is 'Z' or 'X';
}

/// <summary>Reads the kernel's process table from <c>/proc</c>.</summary>
internal static class ProcessTable
{
    public static List<ProcessEntry> Snapshot()
    {
        var entries = new List<ProcessEntry>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && TryRead(pid, out var entry))
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    public static bool TryRead(int pid, out ProcessEntry entry)
    {
        entry = default;
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }

        // The command name (field 2) is parenthesised and may itself contain spaces or parentheses.
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return false;
        }

        var fields = stat[(close + 2)..].Split(' ');
        if (fields.Length < 20)
        {
            return false;
        }

        entry = new ProcessEntry(
            pid,
            fields[0][0],
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            int.Parse(fields[2], CultureInfo.InvariantCulture),
            int.Parse(fields[3], CultureInfo.InvariantCulture),
            ulong.Parse(fields[19], CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>Resident memory of one process in bytes, or 0 when it is gone.</summary>
    public static long ResidentBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }
}
