namespace WebGen.Bench;

/// <summary>Kinds of <see cref="WebBenchProgress"/>.</summary>
public enum WebBenchProgressKind
{
    /// <summary>A project's evaluation started (or resumed).</summary>
    ProjectStarted,

    /// <summary>A project was already finished in the output directory.</summary>
    ProjectSkipped,

    /// <summary>An attempt of the protocol was evaluated.</summary>
    AttemptCompleted,

    /// <summary>A project finished.</summary>
    ProjectCompleted,

    /// <summary>A project could not be evaluated now; it is redone on the next run.</summary>
    ProjectFailed,
}
