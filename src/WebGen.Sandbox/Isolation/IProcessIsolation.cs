using WebGen.Sandbox.Processes;

namespace WebGen.Sandbox.Isolation;

/// <summary>
/// The boundary every process that runs model-controlled code or configuration goes through: it turns the command
/// a stage wants into the command that runs it contained, with the stage's limits.
/// </summary>
internal interface IProcessIsolation
{
    /// <summary>What results report about the processes this isolation starts.</summary>
    SandboxContainment Containment { get; }

    /// <summary>Wraps <paramref name="info"/> for <paramref name="profile"/>; dispose the result once the child and its group are gone.</summary>
    ContainedLaunch Prepare(ChildStartInfo info, IsolationProfile profile);
}
