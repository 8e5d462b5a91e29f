namespace WebGen;

/// <summary>A run started or resumed.</summary>
public sealed record class RunStartedEvent : WebGenEvent
{
    /// <summary>The website request.</summary>
    public required string Instruction { get; init; }

    /// <summary>The run directory.</summary>
    public required string RunDirectory { get; init; }

    /// <summary>The GUI-test instruction for validate steps.</summary>
    public string GuiTestInstruction { get; init; } = "";

    /// <summary>True when the run continues from a checkpoint.</summary>
    public bool IsResume { get; init; }
}
