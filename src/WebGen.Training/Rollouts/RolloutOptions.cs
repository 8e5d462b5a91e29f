using System.ComponentModel.DataAnnotations;

namespace WebGen.Training;

/// <summary>Options of <see cref="RolloutGroupRunner"/> (reference Step-GRPO: 5 episodes × up to 5 steps).</summary>
public sealed class RolloutOptions
{
    /// <summary>How many episodes (trajectories) to sample per prompt: GRPO's group size N.</summary>
    [Range(1, 4096)]
    public int GroupSize { get; set; } = 5;

    /// <summary>The step budget K of each episode (passed as <see cref="WebGenRequest.MaxIterations"/>).</summary>
    [Range(1, 1000)]
    public int MaxSteps { get; set; } = 5;

    /// <summary>How many episodes run at the same time. Each episode installs, starts and browses a site: size this to the machine.</summary>
    [Range(1, 1024)]
    public int MaxConcurrency { get; set; } = 5;

    /// <summary>The longest an episode may run before it is cancelled and recorded as failed; null for no limit.</summary>
    public TimeSpan? EpisodeTimeout { get; set; }

    /// <summary>Step-level (Step-GRPO) or cumulative advantages.</summary>
    [EnumDataType(typeof(AdvantageEstimator))]
    public AdvantageEstimator Estimator { get; set; } = AdvantageEstimator.StepLevel;

    /// <summary>
    /// The code model's sampling temperature in every episode, over the agent's (reference Step-GRPO rollouts: 1.0, so
    /// a group samples diverse trajectories); null keeps the agent's.
    /// </summary>
    [Range(0.0, 2.0)]
    public float? Temperature { get; set; } = 1.0f;

    /// <summary>The code model's nucleus-sampling threshold in every episode (reference rollouts: 0.95); null leaves it to the model.</summary>
    [Range(0.0001, 1.0)]
    public float? TopP { get; set; } = 0.95f;

    /// <summary>The directory under which each episode's run directory is created; null for the agent's default.</summary>
    public string? RunsDirectory { get; set; }
}
