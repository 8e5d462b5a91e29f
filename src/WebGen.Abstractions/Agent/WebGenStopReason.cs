namespace WebGen;

/// <summary>Why a run ended.</summary>
public enum WebGenStopReason
{
    /// <summary>The model emitted <c>finish</c>.</summary>
    Finished,

    /// <summary>The step budget was used up.</summary>
    MaxIterations,

    /// <summary>Steps kept failing unexpectedly and the restart budget was used up.</summary>
    TooManyRestarts,
}
