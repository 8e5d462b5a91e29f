namespace WebGen;

/// <summary>
/// A step selector that passes every call to an inner one: derive from it and override what you want to change
/// (log each selection, veto a step), like <c>DelegatingChatClient</c> in Microsoft.Extensions.AI. Register one around
/// the configured selector with <c>WebGenAgentBuilder.Use&lt;IStepSelector&gt;(...)</c>.
/// </summary>
public class DelegatingStepSelector : IStepSelector
{
    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The selector to pass calls to.</param>
    protected DelegatingStepSelector(IStepSelector inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        InnerSelector = inner;
    }

    /// <summary>The selector calls are passed to.</summary>
    protected IStepSelector InnerSelector { get; }

    /// <summary>Selects with the inner selector.</summary>
    /// <param name="nodes">Every node of the run so far, in step order.</param>
    public virtual StepSelection? SelectBest(IReadOnlyList<StepNode> nodes) => InnerSelector.SelectBest(nodes);
}
