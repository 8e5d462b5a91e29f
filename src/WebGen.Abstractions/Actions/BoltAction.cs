using System.Text.Json.Serialization;

namespace WebGen;

/// <summary>One action parsed from the code model's Bolt markup (<c>&lt;boltAction type="…"&gt;</c>).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(FileAction), "file")]
[JsonDerivedType(typeof(ShellAction), "shell")]
[JsonDerivedType(typeof(StartAction), "start")]
[JsonDerivedType(typeof(ScreenshotValidatedAction), "screenshot_validated")]
[JsonDerivedType(typeof(FinishAction), "finish")]
[JsonDerivedType(typeof(GuiAgentTestAction), "gui_agent_test")]
public abstract record class BoltAction
{
    /// <summary>Character offset of the action's opening tag in the model output.</summary>
    public int Offset { get; init; }

    /// <summary>True when the closing tag was missing and the content ran to the end of the output.</summary>
    public bool IsTruncated { get; init; }
}
