using System.Text.Json.Serialization;

namespace WebGen.Hosting;

/// <summary>
/// One event of a hosted run, small enough for a browser: a summary of a <see cref="WebGenEvent"/> (screenshots are
/// linked, never inlined) or a queue event. <see cref="Type"/> is also the Server-Sent Event name and <see cref="Id"/> its id.
/// </summary>
public sealed record class WebGenRunEvent
{
    /// <summary>The event's position in the run's log (0, 1, 2, …), sent as the SSE id; a reconnecting client sends it back as <c>Last-Event-ID</c>.</summary>
    public int Id { get; init; }

    /// <summary>
    /// <c>run-queued</c>, <c>run-started</c>, <c>step-started</c>, <c>model-responded</c>, <c>files-written</c>, <c>shell-command</c>,
    /// <c>sandbox</c>, <c>screenshot</c>, <c>gui-test</c>, <c>step-completed</c>, <c>backtracked</c>, and one of <c>run-completed</c>,
    /// <c>run-failed</c> or <c>run-cancelled</c> last.
    /// </summary>
    public required string Type { get; init; }

    /// <summary>The step (0 for run-level events).</summary>
    public int Step { get; init; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>A one-line description for people.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Message { get; init; }

    /// <summary>The step kind (<c>Code</c>, <c>Validate</c>, <c>Finish</c>, <c>BadFormat</c>) of a completed step.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Kind { get; init; }

    /// <summary>The appearance grade 0–5.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ScreenshotGrade { get; init; }

    /// <summary>The functional grade 0–5.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? GuiGrade { get; init; }

    /// <summary>True when the step counts as erroneous.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? HasError { get; init; }

    /// <summary>Where the step's screenshot is served (set by the endpoints; null when the event has none).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ScreenshotUrl { get; init; }

    /// <summary>The screenshot scorers' values (name → 0–1).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, double>? Scores { get; init; }

    /// <summary>The step select-best chose (<c>run-completed</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ChosenStep { get; init; }

    /// <summary>True on <c>run-cancelled</c> and <c>run-failed</c> when the run can be resumed from its checkpoints.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Resumable { get; init; }

    /// <summary>True when a screenshot of <see cref="Step"/> is stored for this event.</summary>
    [JsonIgnore]
    public bool HasScreenshot { get; init; }
}
