namespace WebGen;

/// <summary>One action of a GUI-agent trajectory and what followed it.</summary>
public sealed record class GuiTrajectoryStep
{
    /// <summary>0-based step index.</summary>
    public required int Index { get; init; }

    /// <summary>The kind of action taken.</summary>
    public required GuiActionKind Action { get; init; }

    /// <summary>The model's raw answer for this step.</summary>
    public string ModelOutput { get; init; } = "";

    /// <summary>The model's reasoning, when it wrote a "Thought:" line.</summary>
    public string? Thought { get; init; }

    /// <summary>Label number of the target element, when the action had one.</summary>
    public int? TargetLabel { get; init; }

    /// <summary>A short description of the target element (tag, role, text).</summary>
    public string? TargetDescription { get; init; }

    /// <summary>Text typed, scroll direction, or the answer text.</summary>
    public string? Argument { get; init; }

    /// <summary>What went wrong executing the action, fed back to the model as an observation.</summary>
    public string? Error { get; init; }

    /// <summary>PNG screenshot after the action, when kept.</summary>
    public ReadOnlyMemory<byte> ScreenshotAfter { get; init; }

    /// <summary>Page URL after the action.</summary>
    public string? UrlAfter { get; init; }
}
