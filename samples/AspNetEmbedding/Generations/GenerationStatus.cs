namespace WebGen.Samples.AspNetEmbedding;

/// <summary>Where a generation stands.</summary>
public enum GenerationStatus
{
    /// <summary>The agent is working.</summary>
    Running,

    /// <summary>The run ended with a result.</summary>
    Completed,

    /// <summary>The run stopped with an error.</summary>
    Failed,

    /// <summary>The run was cancelled (DELETE, or the server shutting down).</summary>
    Cancelled,
}
