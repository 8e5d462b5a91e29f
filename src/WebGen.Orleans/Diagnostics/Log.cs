using Microsoft.Extensions.Logging;

namespace WebGen.Orleans;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Episode {RunId} started on silo {Silo}")]
    public static partial void EpisodeStarted(ILogger logger, string runId, string silo);

    [LoggerMessage(2, LogLevel.Information, "Episode {RunId} resumed from its checkpoint on silo {Silo}")]
    public static partial void EpisodeResumed(ILogger logger, string runId, string silo);

    [LoggerMessage(3, LogLevel.Information, "Episode {RunId} cancelled")]
    public static partial void EpisodeCancelled(ILogger logger, string runId);

    [LoggerMessage(4, LogLevel.Warning, "Episode {RunId} stops because its grain deactivates ({Reason}); another silo resumes it from its last step")]
    public static partial void EpisodeStopping(ILogger logger, string runId, string reason);

    [LoggerMessage(5, LogLevel.Error, "Episode {RunId} failed")]
    public static partial void EpisodeFailed(ILogger logger, string runId, Exception exception);

    [LoggerMessage(6, LogLevel.Warning, "Lost episode {RunId} on silo {Silo} ({Reason}); placing it again")]
    public static partial void EpisodeLost(ILogger logger, string runId, string silo, string reason);

    [LoggerMessage(7, LogLevel.Debug, "The cluster is full; episode {RunId} waits for a slot")]
    public static partial void Queued(ILogger logger, string runId);

    [LoggerMessage(8, LogLevel.Warning, "The cluster could not list its workers for episode {RunId} ({Reason}); asking again")]
    public static partial void WorkersUnavailable(ILogger logger, string runId, string reason);

    [LoggerMessage(9, LogLevel.Information, "Environment episode {RunId} started on silo {Silo}")]
    public static partial void EnvironmentEpisodeStarted(ILogger logger, string runId, string silo);

    [LoggerMessage(10, LogLevel.Information, "Environment episode {RunId} resumed from its last recorded step on silo {Silo}")]
    public static partial void EnvironmentEpisodeResumed(ILogger logger, string runId, string silo);

    [LoggerMessage(11, LogLevel.Information, "Environment episode {RunId} released its sandbox and slot: its grain deactivates ({Reason})")]
    public static partial void EnvironmentEpisodeStopping(ILogger logger, string runId, string reason);

    [LoggerMessage(12, LogLevel.Error, "Environment episode {RunId} failed")]
    public static partial void EnvironmentEpisodeFailed(ILogger logger, string runId, Exception exception);
}
