namespace WebGen.Bench;

/// <summary>What one Playwright test run reported.</summary>
internal sealed record class PlaywrightRunResult
{
    public required IReadOnlyList<PlaywrightJsonReport.ReportedCase> Cases { get; init; }

    /// <summary>Errors outside any case (load errors included), as a reader should see them.</summary>
    public required IReadOnlyList<string> Errors { get; init; }

    /// <summary>Spec files that could not be loaded, with the error.</summary>
    public IReadOnlyDictionary<string, string> LoadErrors { get; init; } = new Dictionary<string, string>();

    public string Output { get; init; } = "";
}
