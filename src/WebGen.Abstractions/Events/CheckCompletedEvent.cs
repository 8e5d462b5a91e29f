namespace WebGen;

/// <summary>A step stage finished a check of the site (unit tests, a linter, …).</summary>
public sealed record class CheckCompletedEvent : WebGenEvent
{
    /// <summary>The outcome.</summary>
    public required StepCheck Check { get; init; }
}
