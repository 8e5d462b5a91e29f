using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using WebGen.Sandbox.Isolation;

namespace WebGen.Sandbox.Processes;

/// <summary>
/// A child started through <c>setsid</c>, so it leads a new session and process group whose id is its pid.
/// Stopping signals the whole group (and any member that moved to another group of the same session),
/// SIGTERM first and SIGKILL after the grace period, so no grandchild — the <c>node</c> that
/// <c>npm run dev</c> spawns through <c>sh</c> — outlives it.
/// </summary>
internal sealed class ChildProcess
{
    private readonly Process _process;
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ulong _startTime;
    private int _exitCode;
    private ContainedLaunch? _launch;

    private ChildProcess(Process process, ChildStartInfo info, OutputCapture output, TimeProvider time)
    {
        _process = process;
        Info = info;
        Output = output;
        _time = time;
    }

    public ChildStartInfo Info { get; }

    public OutputCapture Output { get; }

    /// <summary>The pid, which is also the id of the child's process group and session.</summary>
    public int Pid { get; private set; }

    /// <summary>Completes when the child itself has exited (its group may still have members).</summary>
    public Task Exited => _exited.Task;

    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>The exit code once exited (128 + signal number when a signal ended it).</summary>
    public int? ExitCode => HasExited ? _exitCode : null;

    /// <summary>
    /// The resource limit that stopped the child: the one its guard enforced, or — for a contained child — a death
    /// by SIGXCPU or SIGXFSZ (the CPU-time and file-size rlimits), or a failure that left a file cut at the size
    /// limit (Node ignores SIGXFSZ and fails the write instead). <see cref="SandboxLimit.None"/> otherwise.
    /// </summary>
    public SandboxLimit LimitExceeded => _launch?.Guard is not { } guard ? SandboxLimit.None
        : guard.Exceeded != SandboxLimit.None ? guard.Exceeded
        : ExitCode switch
        {
            null or 0 => SandboxLimit.None,
            128 + NativeMethods.SIGXCPU => SandboxLimit.CpuTime,
            128 + NativeMethods.SIGXFSZ => SandboxLimit.FileSize,
            _ when guard.FileAtSizeLimit() => SandboxLimit.FileSize,
            _ => SandboxLimit.None,
        };

    /// <summary>Ties the containment of a launch to this child: its guard watches the child, and it is released once the child is stopped.</summary>
    public void Attach(ContainedLaunch launch)
    {
        _launch = launch;
        launch.Guard?.Watch(this);
    }

    /// <summary>Starts the child. Throws <see cref="InvalidOperationException"/> when the process cannot be created at all.</summary>
    public static ChildProcess Start(ChildStartInfo info, OutputCapture output, TimeProvider time)
    {
        var startInfo = new ProcessStartInfo(SetsidPath.Value)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = info.WorkingDirectory,
        };
        startInfo.ArgumentList.Add("--");
        startInfo.ArgumentList.Add(info.Program);
        foreach (var argument in info.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment.Clear();
        foreach (var (name, value) in info.Environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var child = new ChildProcess(process, info, output, time);
        process.Exited += (_, _) =>
        {
            child._exitCode = process.ExitCode;
            child._exited.TrySetResult();
        };
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data, child._stdoutClosed);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data, child._stderrClosed);
        try
        {
            LauncherThread.Run(process.Start);
        }
        catch (Win32Exception exception)
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start '{info.DisplayCommand}': {exception.Message}", exception);
        }

        child.Pid = process.Id;
        if (ProcessTable.TryRead(child.Pid, out var entry))
        {
            child._startTime = entry.StartTime;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Nothing is ever typed into a child: an interactive prompt reads end-of-file and gives up.
        process.StandardInput.Close();
        return child;
    }

    /// <summary>Throws <see cref="PlatformNotSupportedException"/> when <c>setsid</c> is missing.</summary>
    public static void EnsureSupported() => _ = SetsidPath.Value;

    /// <summary>Members of the child's group or session that are still alive (not zombies).</summary>
    public List<int> LiveMembers()
    {
        var snapshot = ProcessTable.Snapshot();
        foreach (var entry in snapshot)
        {
            // Once the whole session is gone the kernel may hand the number to an unrelated process.
            if (entry.Pid == Pid && entry.StartTime != _startTime)
            {
                return _launch?.Guard is { } reused ? [.. reused.Members()] : [];
            }
        }

        var members = snapshot.Where(e => !e.IsZombie && (e.ProcessGroup == Pid || e.Session == Pid)).Select(e => e.Pid).ToHashSet();

        // A contained stage's init leads its own session inside the namespace: its guard knows every process of it.
        if (_launch?.Guard is { } guard)
        {
            var live = snapshot.Where(e => !e.IsZombie).Select(e => e.Pid).ToHashSet();
            members.UnionWith(guard.Members().Where(live.Contains));
        }

        return [.. members];
    }

    /// <summary>Resident memory of every live member, in bytes.</summary>
    public long ResidentBytes() => LiveMembers().Sum(ProcessTable.ResidentBytes);

    /// <summary>
    /// Ends the child and every member of its group: SIGTERM, up to <paramref name="grace"/> to exit, then SIGKILL.
    /// Returns once the child has exited and no member is left. Not cancellable: it is the clean-up.
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (HasExited && LiveMembers().Count == 0)
        {
            await DrainOutputAsync().ConfigureAwait(false);
            _launch?.Dispose();
            return;
        }

        if (grace > TimeSpan.Zero)
        {
            Signal(NativeMethods.SIGTERM);
            var started = _time.GetTimestamp();
            while (_time.GetElapsedTime(started) < grace && !(HasExited && LiveMembers().Count == 0))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), _time).ConfigureAwait(false);
            }
        }

        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (Signal(NativeMethods.SIGKILL) == 0 && HasExited)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), _time).ConfigureAwait(false);
        }

        await DrainOutputAsync().ConfigureAwait(false);
        _launch?.Dispose();
    }

    /// <summary>SIGKILLs the group at once, without waiting: for synchronous disposal and process exit.</summary>
    public void Kill() => Signal(NativeMethods.SIGKILL);

    private int Signal(int signal)
    {
        var members = LiveMembers();
        if (members.Count == 0)
        {
            return 0;
        }

        _ = NativeMethods.Kill(-Pid, signal);

        // A member that called setpgid left the group but not the session: signal it by pid.
        foreach (var member in members)
        {
            _ = NativeMethods.Kill(member, signal);
        }

        return members.Count;
    }

    private async Task DrainOutputAsync()
    {
        // Pipes close when the last holder exits; cap the wait in case a descendant escaped with them.
        var drained = Task.WhenAll(_exited.Task, _stdoutClosed.Task, _stderrClosed.Task);
        await Task.WhenAny(drained, Task.Delay(TimeSpan.FromSeconds(2), _time)).ConfigureAwait(false);
        if (HasExited)
        {
            _process.Dispose();
        }
    }

    private void OnLine(string? line, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
        }
        else
        {
            Output.Append(line);
        }
    }

    private static readonly Lazy<string> SetsidPath = new(() =>
        new[] { "/usr/bin/setsid", "/bin/setsid" }.Concat(
            (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, "setsid")))
        .FirstOrDefault(File.Exists)
        ?? throw new PlatformNotSupportedException("LocalNodeSandbox needs the 'setsid' utility (util-linux) to give every child its own process group; install util-linux."));
}
