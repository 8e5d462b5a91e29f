namespace WebGen.Samples.AspNetEmbedding;

/// <summary>The answer to <c>POST /generations</c> (202 Accepted).</summary>
public sealed record class GenerationCreated
{
    /// <summary>The generation id.</summary>
    public required string Id { get; init; }

    /// <summary>The Server-Sent Events stream of the run.</summary>
    public required string EventsUrl { get; init; }

    /// <summary>The generation's status.</summary>
    public required string StatusUrl { get; init; }
}
