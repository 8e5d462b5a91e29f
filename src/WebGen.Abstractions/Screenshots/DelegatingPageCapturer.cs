namespace WebGen;

/// <summary>
/// A page capturer that passes every call to an inner one: derive from it and override what you want to change
/// (caching, logging, rate limiting), like <c>DelegatingChatClient</c> in Microsoft.Extensions.AI. Register one
/// around the configured part with <c>WebGenAgentBuilder.Use&lt;IPageCapturer&gt;(...)</c>. Disposing it disposes the inner one.
/// </summary>
public class DelegatingPageCapturer : IPageCapturer, IAsyncDisposable
{
    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The page capturer to pass calls to.</param>
    protected DelegatingPageCapturer(IPageCapturer inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        InnerCapturer = inner;
    }

    /// <summary>The page capturer calls are passed to.</summary>
    protected IPageCapturer InnerCapturer { get; }

    /// <summary>Captures the page with the inner capturer.</summary>
    /// <param name="request">What to capture.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<PageCapture> CaptureAsync(PageCaptureRequest request, CancellationToken cancellationToken = default) => InnerCapturer.CaptureAsync(request, cancellationToken);

    /// <summary>Ends the session on the inner capturer.</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual ValueTask EndSessionAsync(string sessionId, CancellationToken cancellationToken = default) => InnerCapturer.EndSessionAsync(sessionId, cancellationToken);

    /// <summary>Disposes the inner page capturer when it is disposable.</summary>
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the inner page capturer; override to release your own resources too (and call the base).</summary>
    protected virtual ValueTask DisposeAsyncCore() => DelegatingDisposal.DisposeAsync(InnerCapturer);
}
