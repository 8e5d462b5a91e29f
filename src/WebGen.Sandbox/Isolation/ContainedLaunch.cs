using WebGen.Sandbox.Processes;

namespace WebGen.Sandbox.Isolation;

/// <summary>The command to start and the guard that enforces its limits while it runs.</summary>
internal sealed class ContainedLaunch : IDisposable
{
    public ContainedLaunch(ChildStartInfo info, ResourceGuard? guard)
    {
        Info = info;
        Guard = guard;
    }

    public ChildStartInfo Info { get; }

    public ResourceGuard? Guard { get; }

    public void Dispose() => Guard?.Dispose();
}
