namespace WebGen;

/// <summary>
/// Runs generated websites. One <see cref="ISandboxSession"/> per episode keeps the site's
/// processes alive across steps; disposing the session reaps every process it started.
/// </summary>
public interface ISandbox
{
    /// <summary>Opens a session over an existing workspace directory.</summary>
    /// <param name="request">The workspace and episode to run.</param>
    /// <param name="cancellationToken">Cancels the start-up.</param>
    ValueTask<ISandboxSession> OpenSessionAsync(SandboxSessionRequest request, CancellationToken cancellationToken = default);
}
