namespace WebGen.Mcp;

/// <summary>A run as the tools report it (JSON text content): where it stands, every step's grades and the chosen site.</summary>
internal sealed record class RunReport
{
    public required string RunId { get; init; }

    public required string Instruction { get; init; }

    /// <summary><c>completed</c>, or <c>stopped</c> (no result yet: resume it).</summary>
    public required string Status { get; init; }

    public required string RunDirectory { get; init; }

    public bool Resumable { get; init; }

    public string? StopReason { get; init; }

    public int? ChosenStep { get; init; }

    public string? SelectionReason { get; init; }

    public string? SiteDirectory { get; init; }

    public IReadOnlyList<string> Files { get; init; } = [];

    public IReadOnlyList<StepLine> Steps { get; init; } = [];

    public long? InputTokens { get; init; }

    public long? OutputTokens { get; init; }

    public static RunReport From(WebGenResult result) => new()
    {
        RunId = result.RunId,
        Instruction = result.Instruction,
        Status = "completed",
        RunDirectory = result.RunDirectory,
        StopReason = result.StopReason.ToString(),
        ChosenStep = result.Chosen?.Step,
        SelectionReason = result.SelectionReason,
        SiteDirectory = result.WorkspacePath,
        Files = [.. result.Files.Select(f => f.Path)],
        Steps = [.. result.Steps.Select(StepLine.From)],
        InputTokens = result.Usage.InputTokenCount,
        OutputTokens = result.Usage.OutputTokenCount,
    };

    public static RunReport From(RunCheckpoint checkpoint) => checkpoint.Result is { } result
        ? From(result) with { Steps = [.. checkpoint.Steps.Select(StepLine.From)] }
        : new()
        {
            RunId = checkpoint.Manifest.RunId,
            Instruction = checkpoint.Manifest.Instruction,
            Status = "stopped",
            RunDirectory = checkpoint.RunDirectory,
            Resumable = true,
            Steps = [.. checkpoint.Steps.Select(StepLine.From)],
            InputTokens = checkpoint.State.Usage.InputTokenCount,
            OutputTokens = checkpoint.State.Usage.OutputTokenCount,
        };
}

/// <summary>One step's grades.</summary>
internal sealed record class StepLine(int Step, string Kind, int ScreenshotGrade, int GuiGrade, bool HasError, IReadOnlyList<string> Errors, bool HasScreenshot)
{
    public static StepLine From(StepRecord record) =>
        new(record.Node.Step, record.Node.Kind.ToString(), record.Node.ScreenshotGrade, record.Node.GuiGrade, record.Node.HasError, record.Node.Errors, record.Capture is { Succeeded: true });
}
