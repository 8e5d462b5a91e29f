namespace WebGen.Training;

/// <summary>Which grades make up a step reward in <see cref="StepGrpoRewardAdapter"/>.</summary>
public enum StepRewardComponents
{
    /// <summary>Screenshot grade + GUI grade (0–10), the reference Step-GRPO reward.</summary>
    ScreenshotAndGui,

    /// <summary>The screenshot grade alone (0–5).</summary>
    ScreenshotOnly,

    /// <summary>The GUI grade alone (0–5).</summary>
    GuiOnly,
}
