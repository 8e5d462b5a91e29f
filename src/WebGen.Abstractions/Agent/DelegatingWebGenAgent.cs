namespace WebGen;

/// <summary>
/// A agent that passes every call to an inner one: derive from it and override what you want to change
/// (caching, logging, rate limiting), like <c>DelegatingChatClient</c> in Microsoft.Extensions.AI. Register one
/// around the configured part with <c>WebGenAgentBuilder.Use&lt;IWebGenAgent&gt;(...)</c>. Disposing it disposes the inner one.
/// </summary>
public class DelegatingWebGenAgent : IWebGenAgent, IAsyncDisposable
{
    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The agent to pass calls to.</param>
    protected DelegatingWebGenAgent(IWebGenAgent inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        InnerAgent = inner;
    }

    /// <summary>The agent calls are passed to.</summary>
    protected IWebGenAgent InnerAgent { get; }

    /// <summary>Runs the request on the inner agent.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual IAsyncEnumerable<WebGenEvent> RunStreamingAsync(WebGenRequest request, CancellationToken cancellationToken = default) => InnerAgent.RunStreamingAsync(request, cancellationToken);

    /// <summary>Resumes the run on the inner agent.</summary>
    /// <param name="runDirectory">The run directory.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual IAsyncEnumerable<WebGenEvent> ResumeStreamingAsync(string runDirectory, CancellationToken cancellationToken = default) => InnerAgent.ResumeStreamingAsync(runDirectory, cancellationToken);

    /// <summary>Disposes the inner agent when it is disposable.</summary>
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the inner agent; override to release your own resources too (and call the base).</summary>
    protected virtual ValueTask DisposeAsyncCore() => DelegatingDisposal.DisposeAsync(InnerAgent);
}
