namespace WebGen.Bench;

/// <summary>Work on a task that could not be finished in a run (it is retried on the next run); the batch went on.</summary>
public sealed record class BenchTaskFailure
{
    /// <summary>The task id.</summary>
    public required string TaskId { get; init; }

    /// <summary>What failed: <c>generation</c>, <c>start</c>, <c>appearance</c>, <c>case N</c> or <c>site</c>.</summary>
    public required string Stage { get; init; }

    /// <summary>The error.</summary>
    public required string Message { get; init; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
