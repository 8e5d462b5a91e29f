namespace WebGen.Samples.AspNetEmbedding;

/// <summary>The answer to <c>GET /generations/{id}</c>.</summary>
public sealed record class GenerationSummary
{
    /// <summary>The generation id.</summary>
    public required string Id { get; init; }

    /// <summary>The website request.</summary>
    public required string Instruction { get; init; }

    /// <summary><c>Running</c>, <c>Completed</c>, <c>Failed</c> or <c>Cancelled</c>.</summary>
    public required GenerationStatus Status { get; init; }

    /// <summary>When it was accepted.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Events so far.</summary>
    public int Events { get; init; }

    /// <summary>The screenshots so far.</summary>
    public IReadOnlyList<string> Screenshots { get; init; } = [];

    /// <summary>The step select-best chose, once completed.</summary>
    public int? ChosenStep { get; init; }

    /// <summary>Why it was chosen.</summary>
    public string? SelectionReason { get; init; }

    /// <summary>The run directory (checkpoints, the chosen site in <c>workspace/</c>).</summary>
    public string? RunDirectory { get; init; }

    internal static GenerationSummary From(Generation generation) => new()
    {
        Id = generation.Id,
        Instruction = generation.Instruction,
        Status = generation.Status,
        CreatedAt = generation.CreatedAt,
        Events = generation.EventCount,
        Screenshots = [.. generation.ScreenshotSteps.Select(step => GenerationEvents.ScreenshotUrl(generation.Id, step))],
        ChosenStep = generation.Result?.Chosen?.Step,
        SelectionReason = generation.Result?.SelectionReason,
        RunDirectory = generation.RunDirectory,
    };
}
