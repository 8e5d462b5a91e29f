using System.Text.Json.Serialization;

namespace WebGen.Hosting;

/// <summary>Where a hosted run stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WebGenRunStatus>))]
public enum WebGenRunStatus
{
    /// <summary>Accepted and waiting for a free slot (or for the warm-up to finish).</summary>
    Queued,

    /// <summary>The agent is working on it.</summary>
    Running,

    /// <summary>The run ended with a result.</summary>
    Completed,

    /// <summary>The run stopped with an error; its completed steps stay checkpointed and it can be resumed.</summary>
    Failed,

    /// <summary>The run was cancelled (on request, or because the server stopped); its completed steps stay checkpointed and it can be resumed.</summary>
    Cancelled,
}
