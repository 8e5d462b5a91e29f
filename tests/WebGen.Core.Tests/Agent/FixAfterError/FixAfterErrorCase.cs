namespace WebGen.Core.Tests.Agent.FixAfterError;

/// <summary>
/// One run of consecutive steps on one kept-alive sandbox session: the model breaks or changes the site, then
/// fixes it. Each step says what its feedback must reflect: the site's own failure, or the text only that
/// step's files render.
/// </summary>
public sealed record class FixAfterErrorCase(string Name, IReadOnlyList<FixStep> Steps)
{
    public override string ToString() => Name;
}

/// <summary>One code step of a <see cref="FixAfterErrorCase"/> and what it must produce.</summary>
public sealed record class FixStep
{
    /// <summary>The code model's answer (Bolt markup).</summary>
    public required string Answer { get; init; }

    /// <summary>Text only this step's files render; the step must be clean and show it.</summary>
    public string? Marker { get; init; }

    /// <summary>Text the sandbox's start failure must contain (the server cannot serve the site).</summary>
    public string? StartFailure { get; init; }

    /// <summary>Text the captured page's errors must contain (the page loads, then fails in the browser).</summary>
    public string? PageFailure { get; init; }

    /// <summary>Follows the step with <c>screenshot_validated</c>: the GUI test must see the marker too.</summary>
    public bool Validate { get; init; }

    /// <summary>More checks of the step's record against the workspace.</summary>
    public Action<StepRecord, string>? Also { get; init; }
}
