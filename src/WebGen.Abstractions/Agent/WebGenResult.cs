using Microsoft.Extensions.AI;

namespace WebGen;

/// <summary>The outcome of a run: the chosen step, its files and the full step history.</summary>
public sealed record class WebGenResult
{
    /// <summary>The run id.</summary>
    public required string RunId { get; init; }

    /// <summary>The website request.</summary>
    public required string Instruction { get; init; }

    /// <summary>The system prompt the code model was given (with the instruction it opens every chat).</summary>
    public string SystemPrompt { get; init; } = "";

    /// <summary>
    /// The user message that opened the code model's chat: the instruction and, for a run that continues a project
    /// (<see cref="WebGenRequest.StartingFiles"/>), the project's tree and files. Null in results written before it was
    /// recorded; read <see cref="Instruction"/> then.
    /// </summary>
    public string? OpeningMessage { get; init; }

    /// <summary>The run directory holding checkpoints and screenshots.</summary>
    public required string RunDirectory { get; init; }

    /// <summary>The directory holding the chosen step's files.</summary>
    public required string WorkspacePath { get; init; }

    /// <summary>The step chosen by select-best; null when no step ran.</summary>
    public StepNode? Chosen { get; init; }

    /// <summary>Why <see cref="Chosen"/> was chosen.</summary>
    public string SelectionReason { get; init; } = "";

    /// <summary>The chosen step's files (text files, excluding dependencies).</summary>
    public IReadOnlyList<WorkspaceFile> Files { get; init; } = [];

    /// <summary>Every step in the order it ran.</summary>
    public IReadOnlyList<StepRecord> Steps { get; init; } = [];

    /// <summary>Why the run ended.</summary>
    public WebGenStopReason StopReason { get; init; }

    /// <summary>The GUI-test instruction used for validate steps.</summary>
    public string GuiTestInstruction { get; init; } = "";

    /// <summary>How many times the run backtracked.</summary>
    public int Backtracks { get; init; }

    /// <summary>How many times a step failed unexpectedly and the run restarted from the best step.</summary>
    public int Restarts { get; init; }

    /// <summary>Tokens spent by all models over the run.</summary>
    public UsageDetails Usage { get; init; } = new();
}
