namespace WebGen;

/// <summary>
/// A GUI tester that passes every call to an inner one: derive from it and override what you want to change
/// (caching, logging, rate limiting), like <c>DelegatingChatClient</c> in Microsoft.Extensions.AI. Register one
/// around the configured part with <c>WebGenAgentBuilder.Use&lt;IGuiTester&gt;(...)</c>. Disposing it disposes the inner one.
/// </summary>
public class DelegatingGuiTester : IGuiTester, IAsyncDisposable
{
    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The GUI tester to pass calls to.</param>
    protected DelegatingGuiTester(IGuiTester inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        InnerTester = inner;
    }

    /// <summary>The GUI tester calls are passed to.</summary>
    protected IGuiTester InnerTester { get; }

    /// <summary>Plans the GUI test with the inner tester.</summary>
    /// <param name="userInstruction">The user's instruction.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<GuiTestPlan> PlanAsync(string userInstruction, CancellationToken cancellationToken = default) => InnerTester.PlanAsync(userInstruction, cancellationToken);

    /// <summary>Runs the GUI test with the inner tester.</summary>
    /// <param name="request">The test request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<GuiTestResult> TestAsync(GuiTestRequest request, CancellationToken cancellationToken = default) => InnerTester.TestAsync(request, cancellationToken);

    /// <summary>Disposes the inner GUI tester when it is disposable.</summary>
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the inner GUI tester; override to release your own resources too (and call the base).</summary>
    protected virtual ValueTask DisposeAsyncCore() => DelegatingDisposal.DisposeAsync(InnerTester);
}
