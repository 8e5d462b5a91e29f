using System.ComponentModel.DataAnnotations;

namespace WebGen.Mcp;

/// <summary>Options of the WebGen MCP tools (configuration section <c>WebGen:Mcp</c>), validated at start-up.</summary>
public sealed class WebGenMcpOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "WebGen:Mcp";

    /// <summary>Generations, resumes and evaluations running at once through these tools (default 1); further calls wait, reporting progress.</summary>
    [Range(1, 64)]
    public int MaxConcurrentRuns { get; set; } = 1;

    /// <summary>The largest <c>maxIterations</c> a tool call may ask for (default 50).</summary>
    [Range(1, 1000)]
    public int MaxIterationsLimit { get; set; } = 50;

    /// <summary>The longest instruction accepted, in characters (default 8000).</summary>
    [Range(1, 1_000_000)]
    public int MaxInstructionLength { get; set; } = 8000;

    /// <summary>
    /// Let <c>evaluate_site</c> read a site from a directory on this machine (default false). Turn it on for a local server (the
    /// <c>webgen mcp</c> stdio command does); leave it off for a server that remote clients reach, which then send the files.
    /// </summary>
    public bool AllowLocalDirectories { get; set; }
}
