namespace WebGen.Hosting;

/// <summary>The answer of <see cref="WebGenRunQueue"/> to a submission or a resume.</summary>
public sealed record class RunQueueResult
{
    /// <summary>What happened.</summary>
    public required RunQueueOutcome Outcome { get; init; }

    /// <summary>The run, when <see cref="Outcome"/> is <see cref="RunQueueOutcome.Accepted"/> (and for a conflict with a known run).</summary>
    public WebGenRun? Run { get; init; }

    /// <summary>Why, in a sentence that says what to do.</summary>
    public string Message { get; init; } = "";
}
