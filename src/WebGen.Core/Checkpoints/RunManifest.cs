namespace WebGen;

/// <summary>What a run was asked to do; written once when the run starts (<c>run.json</c>).</summary>
public sealed record class RunManifest
{
    /// <summary>
    /// The format version of the run directory when it was created: 2 stores each step's changes (content-addressed
    /// files, the chat's new messages), 1 a full copy per step. Both load.
    /// </summary>
    public int FormatVersion { get; init; } = 2;

    /// <summary>The run id.</summary>
    public required string RunId { get; init; }

    /// <summary>The website request.</summary>
    public required string Instruction { get; init; }

    /// <summary>The code model's system prompt.</summary>
    public required string SystemPrompt { get; init; }

    /// <summary>The GUI-test instruction planned for the run.</summary>
    public required string GuiTestInstruction { get; init; }

    /// <summary>True when the GUI-test plan is the generic fallback.</summary>
    public bool GuiTestInstructionIsFallback { get; init; }

    /// <summary>The step budget.</summary>
    public required int MaxIterations { get; init; }

    /// <summary>The consecutive-error limit.</summary>
    public required int ErrorLimit { get; init; }

    /// <summary>The profile the run follows; a run is resumed only with the same one.</summary>
    public WebGenProfile Profile { get; init; }

    /// <summary>The code model's sampling temperature for the run; null leaves it to the model.</summary>
    public float? Temperature { get; init; }

    /// <summary>The code model's nucleus-sampling threshold for the run; null leaves it to the model.</summary>
    public float? TopP { get; init; }

    /// <summary>How many text files the run started from (<see cref="WebGenRequest.StartingFiles"/>, <see cref="WebGenRequest.StartingDirectory"/>); 0 from an empty workspace.</summary>
    public int StartingFileCount { get; init; }

    /// <summary>
    /// What the first user message adds after the instruction when the run continues a project: the file tree and the
    /// contents chosen for the model (see <see cref="WebGenAgentOptions.StartingContextCharacters"/>); null otherwise.
    /// </summary>
    public string? StartingContext { get; init; }

    /// <summary>When the run started.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Free-form labels (for example which models ran, or that it ran offline); never secrets.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
