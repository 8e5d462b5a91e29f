namespace WebGen;

/// <summary>
/// A sandbox that passes every call to an inner one: derive from it and override what you want to change
/// (caching, logging, rate limiting), like <c>DelegatingChatClient</c> in Microsoft.Extensions.AI. Register one
/// around the configured part with <c>WebGenAgentBuilder.Use&lt;ISandbox&gt;(...)</c>. Disposing it disposes the inner one.
/// </summary>
public class DelegatingSandbox : ISandbox, IAsyncDisposable
{
    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The sandbox to pass calls to.</param>
    protected DelegatingSandbox(ISandbox inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        InnerSandbox = inner;
    }

    /// <summary>The sandbox calls are passed to.</summary>
    protected ISandbox InnerSandbox { get; }

    /// <summary>Opens a session on the inner sandbox.</summary>
    /// <param name="request">The session request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual ValueTask<ISandboxSession> OpenSessionAsync(SandboxSessionRequest request, CancellationToken cancellationToken = default) => InnerSandbox.OpenSessionAsync(request, cancellationToken);

    /// <summary>Disposes the inner sandbox when it is disposable.</summary>
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the inner sandbox; override to release your own resources too (and call the base).</summary>
    protected virtual ValueTask DisposeAsyncCore() => DelegatingDisposal.DisposeAsync(InnerSandbox);
}
