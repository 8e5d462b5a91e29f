namespace WebGen.Training;

/// <summary>Who wrote a trajectory message (chat roles as trainers name them).</summary>
public enum TrajectoryRole
{
    /// <summary>The system prompt.</summary>
    System,

    /// <summary>The instruction and the feedback observations.</summary>
    User,

    /// <summary>The code model's answers: the turns the advantages apply to.</summary>
    Assistant,
}
