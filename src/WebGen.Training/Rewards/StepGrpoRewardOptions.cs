using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

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

    /// <summary>
    /// The most a step earns when the prompt-injection pre-check flagged its site (<see cref="PromptInjection.IsFlagged"/>
    /// on its node's scores): its page addressed the graders, so no grade it was given counts. Default 0, the reward of a
    /// site that earned nothing; the loop already leaves such a step's grades at 0, and the cap holds for any trajectory.
    /// </summary>
    [Range(-1000.0, 1000.0)]
    public double PromptInjectionRewardCap { get; set; }

    /// <summary>The thresholds of the malformed-output rules.</summary>
    [ValidateObjectMembers]
    public MalformedOutputOptions Malformed { get; set; } = new();
}
