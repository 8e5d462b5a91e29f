namespace WebGen.Samples.AspNetEmbedding;

/// <summary>
/// One Server-Sent Event of a generation: a small summary of a <see cref="WebGenEvent"/> (screenshots are linked, not inlined).
/// <see cref="Type"/> is also the SSE event name.
/// </summary>
public sealed record class GenerationEvent
{
    /// <summary>For example <c>step-started</c>, <c>screenshot</c>, <c>step-completed</c>, <c>run-completed</c>, <c>run-failed</c>, <c>run-cancelled</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The step (0 for run-level events).</summary>
    public int Step { get; init; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>A one-line description for people.</summary>
    public string? Message { get; init; }

    /// <summary>The step kind (<c>Code</c>, <c>Validate</c>, <c>Finish</c>, <c>BadFormat</c>) of a completed step.</summary>
    public string? Kind { get; init; }

    /// <summary>The appearance grade 0–5.</summary>
    public int? ScreenshotGrade { get; init; }

    /// <summary>The functional grade 0–5.</summary>
    public int? GuiGrade { get; init; }

    /// <summary>True when the step counts as erroneous.</summary>
    public bool? HasError { get; init; }

    /// <summary>Where the step's screenshot is served.</summary>
    public string? ScreenshotUrl { get; init; }

    /// <summary>The screenshot scorers' values (name → 0–1).</summary>
    public IReadOnlyDictionary<string, double>? Scores { get; init; }

    /// <summary>The step select-best chose (run-completed).</summary>
    public int? ChosenStep { get; init; }
}
