using WebGen.Sandbox.Processes;

namespace WebGen.Sandbox.Isolation;

/// <summary><see cref="SandboxIsolation.None"/>: children run as they are, with the host user's rights.</summary>
internal sealed class NoIsolation : IProcessIsolation
{
    public static NoIsolation Instance { get; } = new();

    public SandboxContainment Containment => SandboxContainment.None;

    public ContainedLaunch Prepare(ChildStartInfo info, IsolationProfile profile) => new(info, guard: null);
}
