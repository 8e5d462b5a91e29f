namespace WebGen.Hosting;

/// <summary>What <see cref="WebGenRunQueue"/> did with a submission.</summary>
public enum RunQueueOutcome
{
    /// <summary>The run is queued (or already running).</summary>
    Accepted,

    /// <summary>Every slot is busy and the queue is full: try again later (HTTP 429).</summary>
    QueueFull,

    /// <summary>The server is stopping and accepts no runs (HTTP 503).</summary>
    ShuttingDown,

    /// <summary>The run id is taken, the run is still active, or it already completed (HTTP 409).</summary>
    Conflict,

    /// <summary>No run has this id, in memory or in the runs directory (HTTP 404).</summary>
    NotFound,
}
