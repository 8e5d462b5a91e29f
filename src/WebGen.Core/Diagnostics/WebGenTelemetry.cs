using System.Diagnostics;

namespace WebGen;

/// <summary>
/// The names under which WebGen reports traces and metrics: each is the name of an <see cref="ActivitySource"/> and of a
/// meter. <c>AddWebGenInstrumentation()</c> on an OpenTelemetry tracer or meter provider builder adds them all.
/// </summary>
public static class WebGenTelemetry
{
    /// <summary>The agent loop (<c>WebGen.Core</c>): an <c>invoke_agent</c> span per run, a span per step and an <c>execute_tool</c> span per stage; step, stage, grade and episode metrics.</summary>
    public const string SourceName = "WebGen.Core";

    /// <summary>
    /// The model calls (<c>WebGen.Models</c>): the <c>chat</c> spans and <c>gen_ai.client.*</c> metrics (token usage, operation
    /// duration) that Microsoft.Extensions.AI's OpenTelemetry client records for the code, vision and feedback models.
    /// </summary>
    public const string ModelsSourceName = "WebGen.Models";

    /// <summary>The local sandbox (<c>WebGen.Sandbox</c>): install, start and shell stages, installs run and skipped.</summary>
    public const string SandboxSourceName = "WebGen.Sandbox";

    /// <summary>The browser parts (<c>WebGen.Playwright</c>): captures, GUI-agent runs, browser launches.</summary>
    public const string PlaywrightSourceName = "WebGen.Playwright";

    /// <summary>Every WebGen source and meter name.</summary>
    public static IReadOnlyList<string> SourceNames { get; } = [SourceName, ModelsSourceName, SandboxSourceName, PlaywrightSourceName];

    internal static readonly ActivitySource ActivitySource = new(SourceName);
}
