using Microsoft.Extensions.AI;

namespace WebGen;

/// <summary>Everything that happened in one step: the model output, what it caused, and the feedback sent back.</summary>
public sealed record class StepRecord
{
    /// <summary>The step's node (grades, error flag, parent).</summary>
    public required StepNode Node { get; init; }

    /// <summary>The code model's raw answer.</summary>
    public required string ModelOutput { get; init; }

    /// <summary>The action types found, in order (<c>file</c>, <c>shell</c>, …).</summary>
    public IReadOnlyList<string> ActionTypes { get; init; } = [];

    /// <summary>True when the answer contained a <c>&lt;boltArtifact&gt;</c>.</summary>
    public bool HasArtifact { get; init; }

    /// <summary>What the Bolt parser noticed.</summary>
    public IReadOnlyList<BoltDiagnostic> ParseDiagnostics { get; init; } = [];

    /// <summary>The file actions' outcome, for code steps.</summary>
    public WorkspaceWriteReport? Files { get; init; }

    /// <summary>Shell actions' outcomes, in order.</summary>
    public IReadOnlyList<ShellCommandResult> ShellCommands { get; init; } = [];

    /// <summary>Install and start outcome.</summary>
    public SandboxRunResult? Sandbox { get; init; }

    /// <summary>The screenshot and browser observations (code steps).</summary>
    public PageCapture? Capture { get; init; }

    /// <summary>The VLM judge's description and grade (code steps whose pre-checks passed).</summary>
    public ScreenshotJudgement? Judgement { get; init; }

    /// <summary>The GUI test (validate steps).</summary>
    public GuiTestResult? GuiTest { get; init; }

    /// <summary>Checks that added step stages ran (unit tests, linters), in order.</summary>
    public IReadOnlyList<StepCheck> Checks { get; init; } = [];

    /// <summary>The feedback message sent to the code model after this step.</summary>
    public string Feedback { get; init; } = "";

    /// <summary>The exception message when the step failed unexpectedly and the run restarted.</summary>
    public string? Exception { get; init; }

    /// <summary>Tokens the code model spent on this step.</summary>
    public UsageDetails? Usage { get; init; }

    /// <summary>When the step started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Wall-clock duration of the step.</summary>
    public TimeSpan Duration { get; init; }
}
