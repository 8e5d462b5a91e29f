namespace WebGen.Training;

/// <summary>What a <see cref="RolloutProgress"/> report is about.</summary>
public enum RolloutProgressKind
{
    /// <summary>An episode started.</summary>
    EpisodeStarted,

    /// <summary>A step of an episode completed.</summary>
    StepCompleted,

    /// <summary>An episode completed.</summary>
    EpisodeCompleted,

    /// <summary>An episode failed; it is recorded in <see cref="RolloutGroup.Failures"/>.</summary>
    EpisodeFailed,
}
