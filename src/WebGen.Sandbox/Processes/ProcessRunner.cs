using WebGen.Sandbox.Isolation;

namespace WebGen.Sandbox.Processes;

/// <summary>
/// Starts children through the sandbox's isolation and remembers every one still alive, so that disposal — or the
/// host process exiting without disposal — can reap them all.
/// </summary>
internal sealed class ProcessRunner
{
    private readonly Lock _gate = new();
    private readonly HashSet<ChildProcess> _live = [];
    private readonly TimeProvider _time;
    private readonly LocalSandboxOptions _options;
    private readonly Func<IProcessIsolation> _isolation;

    public ProcessRunner(LocalSandboxOptions options, TimeProvider time, Func<IProcessIsolation> isolation)
    {
        _options = options;
        _time = time;
        _isolation = isolation;
    }

    public TimeProvider Time => _time;

    /// <summary>Starts <paramref name="info"/> contained by <paramref name="profile"/>.</summary>
    public ChildProcess Start(ChildStartInfo info, IsolationProfile profile, OutputCapture? output = null)
    {
        var launch = _isolation().Prepare(info, profile);
        ChildProcess child;
        try
        {
            child = ChildProcess.Start(launch.Info, output ?? OutputCapture.From(_options), _time);
        }
        catch
        {
            launch.Dispose();
            throw;
        }

        child.Attach(launch);
        lock (_gate)
        {
            _live.Add(child);
        }

        return child;
    }

    /// <summary>Stops the child and its group and forgets it.</summary>
    public async Task StopAsync(ChildProcess child)
    {
        await child.StopAsync(_options.StopGracePeriod).ConfigureAwait(false);
        lock (_gate)
        {
            _live.Remove(child);
        }
    }

    /// <summary>
    /// Runs a child to completion within <paramref name="timeout"/>. Whatever happens — exit, time-out,
    /// cancellation — the child's whole group is reaped before this returns or throws.
    /// </summary>
    public async Task<RunOutcome> RunAsync(ChildStartInfo info, IsolationProfile profile, TimeSpan timeout, CancellationToken cancellationToken, OutputCapture? output = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = _time.GetTimestamp();
        var child = Start(info, profile, output);
        var timedOut = false;
        try
        {
            using var deadline = new CancellationTokenSource(timeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            try
            {
                await child.Exited.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                timedOut = true;
            }
        }
        finally
        {
            // Also reaps what a finished child left running in the background.
            await StopAsync(child).ConfigureAwait(false);
        }

        var limit = child.LimitExceeded;
        return new RunOutcome
        {
            Command = info.DisplayCommand,
            ExitCode = timedOut || limit != SandboxLimit.None ? null : child.ExitCode,
            TimedOut = timedOut && limit == SandboxLimit.None,
            LimitExceeded = limit,
            Duration = _time.GetElapsedTime(started),
            Output = child.Output,
        };
    }

    /// <summary>SIGKILLs every live child's group at once.</summary>
    public void KillAll()
    {
        ChildProcess[] live;
        lock (_gate)
        {
            live = [.. _live];
            _live.Clear();
        }

        foreach (var child in live)
        {
            child.Kill();
        }
    }
}
