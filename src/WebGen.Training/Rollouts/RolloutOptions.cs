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

    /// <summary>The directory under which each episode's run directory is created; null for the agent's default.</summary>
    public string? RunsDirectory { get; set; }
}
