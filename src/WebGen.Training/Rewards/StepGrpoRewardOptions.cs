using System.ComponentModel.DataAnnotations;

namespace WebGen.Training;

/// <summary>Options of <see cref="StepGrpoRewardAdapter"/>.</summary>
public sealed class StepGrpoRewardOptions
{
    /// <summary>Which grades make up the reward (reference: screenshot + GUI).</summary>
    [EnumDataType(typeof(StepRewardComponents))]
    public StepRewardComponents Components { get; set; } = StepRewardComponents.ScreenshotAndGui;

    /// <summary>The reward of a malformed step (reference −1).</summary>
    [Range(-1000.0, 1000.0)]
    public double MalformedReward { get; set; } = -1;

    /// <summary>The thresholds of the malformed-output rules.</summary>
    public MalformedOutputOptions Malformed { get; set; } = new();
}
