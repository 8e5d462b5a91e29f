namespace WebGen.Training;

/// <summary>How step advantages are made from group-normalised step rewards.</summary>
public enum AdvantageEstimator
{
    /// <summary>Each step's advantage is its own normalised reward (Step-GRPO).</summary>
    StepLevel,

    /// <summary>Each step's advantage is the sum of the normalised rewards from that step to the end of its trajectory.</summary>
    Cumulative,
}
