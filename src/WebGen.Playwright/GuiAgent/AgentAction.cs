namespace WebGen.Playwright;

/// <summary>One parsed agent action. <see cref="Problem"/> is set for <see cref="GuiActionKind.Invalid"/>.</summary>
internal sealed record class AgentAction
{
    public required GuiActionKind Kind { get; init; }

    public string? Thought { get; init; }

    /// <summary>The target label; null for WINDOW scrolls and actions without a target.</summary>
    public int? Label { get; init; }

    /// <summary>Typed text or answer text.</summary>
    public string? Text { get; init; }

    /// <summary>Scroll direction.</summary>
    public bool Down { get; init; }

    /// <summary>Why the answer was not a valid action.</summary>
    public string? Problem { get; init; }

    /// <summary>A canonical form, to recognise the same action repeated.</summary>
    public required string Canonical { get; init; }
}
