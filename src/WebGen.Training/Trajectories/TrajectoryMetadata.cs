namespace WebGen.Training;

/// <summary>Facts about the episode and its group that trainers filter or weigh by.</summary>
public sealed record class TrajectoryMetadata
{
    /// <summary>The agent's run id (its run directory holds checkpoints and screenshots).</summary>
    public string RunId { get; init; } = "";

    /// <summary>Why the run ended.</summary>
    public WebGenStopReason StopReason { get; init; }

    /// <summary>The step chosen by select-best; null when no step ran.</summary>
    public int? ChosenStep { get; init; }

    /// <summary>How many times the run backtracked.</summary>
    public int Backtracks { get; init; }

    /// <summary>How many times a step failed unexpectedly and the run restarted.</summary>
    public int Restarts { get; init; }

    /// <summary>
    /// True when every step continued from the step before it, so the messages in order are exactly the chat the model saw.
    /// After a backtrack the model saw the chosen branch only; use each step's <see cref="TrajectoryStep.Parent"/> to rebuild it.
    /// </summary>
    public bool IsLinear { get; init; }

    /// <summary>Input tokens of all models over the run, when reported.</summary>
    public long? InputTokens { get; init; }

    /// <summary>Output tokens of all models over the run, when reported.</summary>
    public long? OutputTokens { get; init; }

    /// <summary>How many trajectories the group has (failed episodes excluded).</summary>
    public int GroupSize { get; init; }

    /// <summary>How the advantages were made.</summary>
    public AdvantageEstimator Estimator { get; init; }

    /// <summary>The mean μ that normalised the group's rewards.</summary>
    public double GroupRewardMean { get; init; }

    /// <summary>The standard deviation σ that normalised the group's rewards.</summary>
    public double GroupRewardStd { get; init; }

    /// <summary>The reward adapter's description, for example <c>step-grpo(screenshot+gui)</c>.</summary>
    public string RewardAdapter { get; init; } = "";

    /// <summary>Wall-clock seconds the episode took, when measured by the rollout runner.</summary>
    public double? DurationSeconds { get; init; }
}
