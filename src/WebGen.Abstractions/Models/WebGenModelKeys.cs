namespace WebGen;

/// <summary>
/// Service keys of the three chat clients the agent uses. Register each with
/// <c>services.AddKeyedChatClient(WebGenModelKeys.Code, ...)</c>; a missing vision or feedback
/// client falls back to the code client.
/// </summary>
public static class WebGenModelKeys
{
    /// <summary>The code model: writes the website in Bolt markup.</summary>
    public const string Code = "webgen:code";

    /// <summary>The vision model: describes and grades screenshots, drives the GUI agent.</summary>
    public const string Vision = "webgen:vision";

    /// <summary>The feedback model: writes the GUI-test instruction and summarises GUI trajectories.</summary>
    public const string Feedback = "webgen:feedback";
}
