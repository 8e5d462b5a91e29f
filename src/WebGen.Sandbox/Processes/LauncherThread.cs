using System.Collections.Concurrent;

namespace WebGen.Sandbox.Processes;

/// <summary>
/// Forks every child from one thread that lives as long as the process. bubblewrap's <c>--die-with-parent</c>
/// (PR_SET_PDEATHSIG) fires when the <em>thread</em> that forked it exits, not the process: a child started from a
/// thread-pool thread would be killed when the pool retires that thread. Forking from a thread that never exits
/// makes the signal mean what it should — the host process died, even by <c>kill -9</c> — so nothing outlives it.
/// </summary>
internal static class LauncherThread
{
    private static readonly BlockingCollection<Action> Work = [];

    private static readonly Lazy<Thread> Thread = new(() =>
    {
        var thread = new Thread(() =>
        {
            foreach (var action in Work.GetConsumingEnumerable())
            {
                action();
            }
        })
        {
            IsBackground = true,
            Name = "WebGen sandbox launcher",
        };
        thread.Start();
        return thread;
    });

    /// <summary>Runs <paramref name="start"/> (a fork and exec, quick) on the launcher thread and returns its result.</summary>
    public static T Run<T>(Func<T> start)
    {
        _ = Thread.Value;
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Work.Add(() =>
        {
            try
            {
                completion.SetResult(start());
            }
            catch (Exception exception)
            {
                completion.SetException(exception);
            }
        });

        // Blocking is bounded: the work item is a fork and exec.
        return completion.Task.GetAwaiter().GetResult();
    }
}
