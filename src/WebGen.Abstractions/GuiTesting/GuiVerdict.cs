namespace WebGen;

/// <summary>The GUI agent's final answer.</summary>
public enum GuiVerdict
{
    /// <summary>No answer could be read (the agent ran out of actions or failed).</summary>
    Unknown,

    /// <summary>The task was fully achieved.</summary>
    Yes,

    /// <summary>The task was partly achieved.</summary>
    Partial,

    /// <summary>The task was not achieved.</summary>
    No,
}
