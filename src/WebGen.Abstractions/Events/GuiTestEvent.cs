namespace WebGen;

/// <summary>The GUI tester finished.</summary>
public sealed record class GuiTestEvent : WebGenEvent
{
    /// <summary>The outcome.</summary>
    public required GuiTestResult Result { get; init; }
}
