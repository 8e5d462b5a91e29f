namespace WebGen;

/// <summary>What the GUI agent did in one step (WebVoyager action set).</summary>
public enum GuiActionKind
{
    /// <summary>The answer could not be parsed into an action.</summary>
    Invalid,

    /// <summary>Click a labelled element.</summary>
    Click,

    /// <summary>Clear a labelled field, type text and press Enter.</summary>
    Type,

    /// <summary>Scroll the window or a labelled element.</summary>
    Scroll,

    /// <summary>Wait for the page to change.</summary>
    Wait,

    /// <summary>Go back in history.</summary>
    GoBack,

    /// <summary>Give the final answer.</summary>
    Answer,
}
