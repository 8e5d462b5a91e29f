namespace WebGen.Training;

/// <summary>
/// One episode as training data: the chat (system prompt, instruction, then per step the model output and the feedback),
/// each assistant turn's reward and advantage, the step scores and metadata.
/// </summary>
public sealed record class Trajectory
{
    /// <summary>The prompt the group was sampled for (trajectories with the same id form one GRPO group).</summary>
    public required string PromptId { get; init; }

    /// <summary>The position of the trajectory in its group (the episode index).</summary>
    public required int Index { get; init; }

    /// <summary>The website request.</summary>
    public required string Instruction { get; init; }

    /// <summary>The chat in order: system prompt (when known), instruction, then per step the assistant output and the user feedback.</summary>
    public IReadOnlyList<TrajectoryMessage> Messages { get; init; } = [];

    /// <summary>The scores and reward details of every step, in run order.</summary>
    public IReadOnlyList<TrajectoryStep> Steps { get; init; } = [];

    /// <summary>Facts about the episode and its group.</summary>
    public TrajectoryMetadata Metadata { get; init; } = new();
}
