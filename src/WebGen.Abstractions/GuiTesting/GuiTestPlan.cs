using Microsoft.Extensions.AI;

namespace WebGen;

/// <summary>The GUI-test instruction written for one website request.</summary>
public sealed record class GuiTestPlan
{
    /// <summary>The full instruction given to the GUI agent, including the login and answer suffix.</summary>
    public required string Instruction { get; init; }

    /// <summary>True when the model failed and a generic instruction was used.</summary>
    public bool IsFallback { get; init; }

    /// <summary>Tokens spent writing the plan.</summary>
    public UsageDetails? Usage { get; init; }
}
