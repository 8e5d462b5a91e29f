namespace WebGen;

/// <summary>What a GUI test runs against.</summary>
public sealed record class GuiTestRequest
{
    /// <summary>The running site.</summary>
    public required Uri Url { get; init; }

    /// <summary>The GUI-test instruction (from <see cref="IGuiTester.PlanAsync"/>).</summary>
    public required string TestInstruction { get; init; }

    /// <summary>The user's original website request.</summary>
    public required string UserInstruction { get; init; }

    /// <summary>Groups tests of one episode for logs and browser isolation.</summary>
    public string SessionId { get; init; } = "default";
}
