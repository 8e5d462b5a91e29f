namespace WebGen.Training;

/// <summary>One chat message of a trajectory; assistant turns carry their reward and advantage.</summary>
public sealed record class TrajectoryMessage
{
    /// <summary>Who wrote it.</summary>
    public required TrajectoryRole Role { get; init; }

    /// <summary>The text.</summary>
    public required string Content { get; init; }

    /// <summary>The step this message belongs to (the model output or the feedback after it); null for the prompt messages.</summary>
    public int? Step { get; init; }

    /// <summary>The step reward of an assistant turn; null for other messages.</summary>
    public double? Reward { get; init; }

    /// <summary>The advantage applied to the tokens of an assistant turn; null for other messages.</summary>
    public double? Advantage { get; init; }
}
