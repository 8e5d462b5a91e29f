namespace WebGen;

/// <summary>
/// A screenshot judge that passes every call to an inner one: derive from it and override what you want to change
/// (caching, logging, rate limiting), like <c>DelegatingChatClient</c> in Microsoft.Extensions.AI. Register one
/// around the configured part with <c>WebGenAgentBuilder.Use&lt;IScreenshotJudge&gt;(...)</c>. Disposing it disposes the inner one.
/// </summary>
public class DelegatingScreenshotJudge : IScreenshotJudge, IAsyncDisposable
{
    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The screenshot judge to pass calls to.</param>
    protected DelegatingScreenshotJudge(IScreenshotJudge inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        InnerJudge = inner;
    }

    /// <summary>The screenshot judge calls are passed to.</summary>
    protected IScreenshotJudge InnerJudge { get; }

    /// <summary>Judges the screenshot with the inner judge.</summary>
    /// <param name="request">The screenshot and instruction.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<ScreenshotJudgement> JudgeAsync(ScreenshotJudgeRequest request, CancellationToken cancellationToken = default) => InnerJudge.JudgeAsync(request, cancellationToken);

    /// <summary>Disposes the inner screenshot judge when it is disposable.</summary>
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the inner screenshot judge; override to release your own resources too (and call the base).</summary>
    protected virtual ValueTask DisposeAsyncCore() => DelegatingDisposal.DisposeAsync(InnerJudge);
}
