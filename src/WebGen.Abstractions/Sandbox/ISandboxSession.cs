namespace WebGen;

/// <summary>One episode's running site. Not thread-safe: one step at a time.</summary>
public interface ISandboxSession : IAsyncDisposable
{
    /// <summary>Runs a <c>shell</c> action if the sandbox's policy allows it; a refusal is a result, not an exception.</summary>
    /// <param name="command">The command line the model wrote.</param>
    /// <param name="cancellationToken">Cancels the command and kills its process tree.</param>
    Task<ShellCommandResult> RunShellAsync(string command, CancellationToken cancellationToken = default);

    /// <summary>
    /// Brings the site up to date with the workspace: installs dependencies when they changed,
    /// starts or restarts the server when needed, and waits until it answers HTTP.
    /// Failures of the generated site are reported in the result, never thrown.
    /// </summary>
    /// <param name="cancellationToken">Cancels and kills whatever is running for this call.</param>
    Task<SandboxRunResult> EnsureRunningAsync(CancellationToken cancellationToken = default);
}
