namespace WebGen.Samples.AspNetEmbedding;

/// <summary>Whether <see cref="GenerationRegistry.TryStart"/> started a generation, and why not.</summary>
public enum StartOutcome
{
    /// <summary>The generation is running.</summary>
    Started,

    /// <summary><see cref="GenerationOptions.MaxConcurrentGenerations"/> generations are already running.</summary>
    AtCapacity,

    /// <summary>The server is shutting down.</summary>
    ShuttingDown,
}
