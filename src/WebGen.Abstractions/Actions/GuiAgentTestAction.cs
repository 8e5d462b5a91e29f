namespace WebGen;

/// <summary>A GUI-test instruction written by the feedback model (<c>type="gui_agent_test"</c>).</summary>
public sealed record class GuiAgentTestAction : BoltAction
{
    /// <summary>The instruction text.</summary>
    public required string Instruction { get; init; }
}
