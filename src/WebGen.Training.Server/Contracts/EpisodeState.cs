namespace WebGen.Training.Server;

/// <summary>Where an episode is.</summary>
public enum EpisodeState
{
    /// <summary>Waiting for the next step.</summary>
    Ready,

    /// <summary>A step is running.</summary>
    Stepping,

    /// <summary>Ended: finished or out of steps. Its sandbox is released; its record stays until deleted or idle.</summary>
    Done,
}
