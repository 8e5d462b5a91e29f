namespace WebGen.Mcp;

/// <summary>What <c>evaluate_site</c> found: whether the site ran, its screenshot's grades and the GUI test.</summary>
internal sealed record class SiteEvaluation
{
    public required bool Started { get; init; }

    public string? StartFailure { get; init; }

    public string? StartOutput { get; init; }

    public IReadOnlyList<string> RejectedFiles { get; init; } = [];

    public int? ScreenshotGrade { get; init; }

    public string? GradeReason { get; init; }

    public string? Description { get; init; }

    public string? Suggestions { get; init; }

    public bool? VisibleError { get; init; }

    public IReadOnlyList<ScoreLine> Scores { get; init; } = [];

    public string? CaptureFailure { get; init; }

    public int? GuiGrade { get; init; }

    public string? GuiVerdict { get; init; }

    public string? GuiSuggestions { get; init; }

    public string? GuiFailure { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public byte[]? Screenshot { get; init; }
}

/// <summary>One screenshot scorer's value and reason.</summary>
internal sealed record class ScoreLine(string Name, double Value, string Reason, bool Fatal);
