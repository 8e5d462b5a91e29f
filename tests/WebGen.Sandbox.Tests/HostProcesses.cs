using System.Globalization;

namespace WebGen.Sandbox.Tests;

/// <summary>
/// Reads the kernel's process and socket tables directly (independently of the code under test) to
/// prove that nothing a sandbox started is still alive or listening.
/// </summary>
internal static class HostProcesses
{
    public sealed record Entry(int Pid, char State, int ProcessGroup, int Session, string? WorkingDirectory, string CommandLine);

    public static List<Entry> Snapshot()
    {
        var entries = new List<Entry>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                string? cwd = null;
                try
                {
                    cwd = new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget;
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }

                var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
                entries.Add(new Entry(pid, fields[0][0], int.Parse(fields[2], CultureInfo.InvariantCulture), int.Parse(fields[3], CultureInfo.InvariantCulture), cwd, commandLine));
            }
            catch (IOException)
            {
                // The process exited while it was being read.
            }
        }

        return entries;
    }

    /// <summary>Live (non-zombie) processes whose working directory is inside <paramref name="directory"/>.</summary>
    public static List<Entry> LiveUnder(string directory) =>
        [.. Snapshot().Where(e => e.State != 'Z' && e.WorkingDirectory is { } cwd && (cwd == directory || cwd.StartsWith(directory + "/", StringComparison.Ordinal)))];

    /// <summary>Live (non-zombie) processes in the given process groups or sessions.</summary>
    public static List<Entry> LiveInGroups(IEnumerable<int> groups)
    {
        var set = groups.ToHashSet();
        return [.. Snapshot().Where(e => e.State != 'Z' && (set.Contains(e.ProcessGroup) || set.Contains(e.Session)))];
    }

    /// <summary>The process group of <paramref name="pid"/>.</summary>
    public static int GroupOf(int pid) => Snapshot().Single(e => e.Pid == pid).ProcessGroup;

    /// <summary>True when some socket listens on <paramref name="port"/> (IPv4 or IPv6).</summary>
    public static bool IsListening(int port)
    {
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var local = columns[1];
                var localPort = int.Parse(local[(local.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (localPort == port && columns[3] == "0A")
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds; reaping is asynchronous in the kernel.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return condition();
    }

    /// <summary>Environment variable names of a live process.</summary>
    public static HashSet<string> EnvironmentNames(int pid) =>
        [.. File.ReadAllText($"/proc/{pid}/environ").Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(v => v.Split('=', 2)[0])];
}
