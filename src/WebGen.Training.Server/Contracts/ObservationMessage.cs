namespace WebGen.Training.Server;

/// <summary>One chat message as the policy should see it (the shape chat templates take).</summary>
public sealed record class ObservationMessage
{
    /// <summary><c>system</c>, <c>user</c> or <c>assistant</c>.</summary>
    public required string Role { get; init; }

    /// <summary>The text.</summary>
    public required string Content { get; init; }
}
