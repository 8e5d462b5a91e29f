using Microsoft.Agents.AI;

namespace WebGen.Agents;

/// <summary>Per-run options of <see cref="WebGenAIAgent"/>, passed as the <see cref="AgentRunOptions"/> of a run.</summary>
public sealed class WebGenAgentRunOptions : AgentRunOptions
{
    /// <summary>Creates empty options.</summary>
    public WebGenAgentRunOptions()
    {
    }

    private WebGenAgentRunOptions(WebGenAgentRunOptions other)
        : base(other)
    {
        MaxIterations = other.MaxIterations;
        RunId = other.RunId;
        ResumeRunDirectory = other.ResumeRunDirectory;
    }

    /// <summary>Most code-model steps for this run; the agent's default when null.</summary>
    public int? MaxIterations { get; set; }

    /// <summary>The run id; generated when null.</summary>
    public string? RunId { get; set; }

    /// <summary>Continue this stopped run from its checkpoints instead of starting one (the messages are then ignored).</summary>
    public string? ResumeRunDirectory { get; set; }

    /// <inheritdoc />
    public override AgentRunOptions Clone() => new WebGenAgentRunOptions(this);
}
