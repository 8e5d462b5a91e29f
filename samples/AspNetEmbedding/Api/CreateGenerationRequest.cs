namespace WebGen.Samples.AspNetEmbedding;

/// <summary>The body of <c>POST /generations</c>.</summary>
public sealed record class CreateGenerationRequest
{
    /// <summary>The website to build, in plain language.</summary>
    public string? Instruction { get; init; }

    /// <summary>Most code-model steps for this run; the agent's default (20) when absent.</summary>
    public int? MaxIterations { get; init; }
}
