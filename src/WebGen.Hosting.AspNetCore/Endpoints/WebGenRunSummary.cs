using System.Text.Json.Serialization;

namespace WebGen.Hosting;

/// <summary>A run as the HTTP API shows it (<c>GET {prefix}/{id}</c>, and the answer to create, cancel and resume).</summary>
public sealed record class WebGenRunSummary
{
    /// <summary>The run id.</summary>
    public required string Id { get; init; }

    /// <summary>The website request.</summary>
    public required string Instruction { get; init; }

    /// <summary>Where it stands.</summary>
    public required WebGenRunStatus Status { get; init; }

    /// <summary>This run's URL.</summary>
    public required string Url { get; init; }

    /// <summary>Its Server-Sent Events stream.</summary>
    public required string EventsUrl { get; init; }

    /// <summary>When it was accepted.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last started or resumed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it last stopped.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Events logged so far (0 for a run known only from its run directory: events are kept in memory).</summary>
    public int Events { get; init; }

    /// <summary>The URLs of the screenshots so far, by step.</summary>
    public IReadOnlyList<string> Screenshots { get; init; } = [];

    /// <summary>The step select-best chose, once completed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ChosenStep { get; init; }

    /// <summary>The chosen step's appearance grade 0–5.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ScreenshotGrade { get; init; }

    /// <summary>The chosen step's functional grade 0–5.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? GuiGrade { get; init; }

    /// <summary>Why the chosen step was chosen.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SelectionReason { get; init; }

    /// <summary>Why the run ended (<c>Finished</c>, <c>MaxIterations</c>, <c>TooManyRestarts</c>), once completed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StopReason { get; init; }

    /// <summary>Steps run, once completed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Steps { get; init; }

    /// <summary>The chosen site's files (<c>GET {url}/files</c>), once completed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FilesUrl { get; init; }

    /// <summary>Why it failed or was cancelled.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Failure { get; init; }

    /// <summary>True when <c>POST {url}/resume</c> would continue it from its checkpoints.</summary>
    public bool Resumable { get; init; }
}
