using System.Text.Json;
using Microsoft.Agents.AI;

namespace WebGen.Agents;

/// <summary>
/// A conversation with <see cref="WebGenAIAgent"/>: remembers the runs it started, so the caller (or a workflow checkpoint, after
/// <see cref="AIAgent.SerializeSessionAsync"/>) can find the last run's directory and resume it.
/// </summary>
public sealed class WebGenAgentSession : AgentSession
{
    private const string LastRunIdKey = "webgen.lastRunId";
    private const string LastRunDirectoryKey = "webgen.lastRunDirectory";

    internal WebGenAgentSession()
    {
    }

    internal WebGenAgentSession(AgentSessionStateBag state)
        : base(state)
    {
    }

    /// <summary>The id of the last run this session started or resumed.</summary>
    public string? LastRunId => StateBag.TryGetValue<string>(LastRunIdKey, out var id, JsonSerializerOptions.Web) ? id : null;

    /// <summary>The run directory of that run (its checkpoints; resume it with <see cref="WebGenAgentRunOptions.ResumeRunDirectory"/>).</summary>
    public string? LastRunDirectory => StateBag.TryGetValue<string>(LastRunDirectoryKey, out var directory, JsonSerializerOptions.Web) ? directory : null;

    internal void Remember(string runId, string runDirectory)
    {
        StateBag.SetValue(LastRunIdKey, runId, JsonSerializerOptions.Web);
        StateBag.SetValue(LastRunDirectoryKey, runDirectory, JsonSerializerOptions.Web);
    }
}
