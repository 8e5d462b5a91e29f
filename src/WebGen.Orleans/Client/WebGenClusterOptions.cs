using System.ComponentModel.DataAnnotations;

namespace WebGen.Orleans;

/// <summary>Options of the cluster client (<see cref="WebGenCluster"/>).</summary>
public sealed class WebGenClusterOptions
{
    /// <summary>How long one poll for events waits on the silo (keep it under Orleans' response timeout). Default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:25")]
    public TimeSpan PollWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long an episode waiting for a slot keeps asking a cluster that cannot list its workers (while it detects a
    /// dead silo that hosted the management grain, for example) before the run fails. Default 3 min, above Orleans'
    /// default failure detection.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan WorkersUnavailableTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How often a queued episode looks for a free slot when the cluster is full. Default 250 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan QueueInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How many times in a row an episode may be lost (its silo died, a call failed) before the run fails. Default 10.</summary>
    [Range(1, 1000)]
    public int MaxPlacementAttempts { get; set; } = 10;

    /// <summary>
    /// When set (and the client has the cluster's run store), each completed run is copied here as
    /// <c>&lt;run id&gt;/</c> (checkpoints and the chosen site), and the result's run directory and workspace point at
    /// the copy: results and reports then have the same form as a local run's. Null leaves runs in the shared store only.
    /// </summary>
    public string? RunsDirectory { get; set; }
}
