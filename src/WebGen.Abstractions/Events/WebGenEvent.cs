using System.Text.Json.Serialization;

namespace WebGen;

/// <summary>Something that happened in a run, streamed as it happens.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(RunStartedEvent), "run-started")]
[JsonDerivedType(typeof(StepStartedEvent), "step-started")]
[JsonDerivedType(typeof(ModelRespondedEvent), "model-responded")]
[JsonDerivedType(typeof(FilesWrittenEvent), "files-written")]
[JsonDerivedType(typeof(ShellCommandEvent), "shell-command")]
[JsonDerivedType(typeof(SandboxEvent), "sandbox")]
[JsonDerivedType(typeof(ScreenshotEvent), "screenshot")]
[JsonDerivedType(typeof(GuiTestEvent), "gui-test")]
[JsonDerivedType(typeof(CheckCompletedEvent), "check-completed")]
[JsonDerivedType(typeof(StepCompletedEvent), "step-completed")]
[JsonDerivedType(typeof(BacktrackedEvent), "backtracked")]
[JsonDerivedType(typeof(RunCompletedEvent), "run-completed")]
public abstract record class WebGenEvent
{
    /// <summary>The run the event belongs to.</summary>
    public required string RunId { get; init; }

    /// <summary>The step number (0 for run-level events).</summary>
    public int Step { get; init; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
