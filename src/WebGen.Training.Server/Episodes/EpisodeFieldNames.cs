namespace WebGen.Training.Server;

/// <summary>How a transport names the fields of a start request, so validation errors name the field the client sent.</summary>
internal sealed record class EpisodeFieldNames(string Instruction, string MaxSteps, string Id, string TaskId)
{
    /// <summary>The names of <c>POST /episodes</c>.</summary>
    public static EpisodeFieldNames Native { get; } = new("instruction", "maxSteps", "id", "taskId");

    /// <summary>The names of OpenEnv's reset (<c>POST /reset</c> and the WebSocket <c>reset</c> message).</summary>
    public static EpisodeFieldNames OpenEnv { get; } = new("instruction", "max_steps", "episode_id", "task_id");
}
