namespace WebGen.Training.Server;

/// <summary>
/// The body of <c>POST /reset</c> and the <c>data</c> of a WebSocket <c>reset</c> message: OpenEnv's <c>ResetRequest</c>
/// (<c>seed</c>, <c>episode_id</c>) plus the task.
/// </summary>
internal sealed record class OpenEnvResetRequest
{
    /// <summary>The website request the policy works on. Required (not blank) unless <see cref="TaskId"/> names a task.</summary>
    public string? Instruction { get; init; }

    /// <summary>A task of the bundled WebGen-Bench test set (<c>task_id</c>: <c>000002</c>, or <c>2</c>), instead of <see cref="Instruction"/>.</summary>
    public string? TaskId { get; init; }

    /// <summary>The step budget (1–1000); <see cref="EnvironmentServerOptions.DefaultMaxSteps"/> when null.</summary>
    public int? MaxSteps { get; init; }

    /// <summary>The episode id, also its run id; generated when null.</summary>
    public string? EpisodeId { get; init; }

    /// <summary>
    /// Accepted because OpenEnv clients send it; unused, since an episode has no randomness of its own (the policy's
    /// sampling is the trainer's).
    /// </summary>
    public long? Seed { get; init; }
}
