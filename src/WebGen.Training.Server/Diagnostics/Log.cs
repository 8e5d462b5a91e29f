using Microsoft.Extensions.Logging;

namespace WebGen.Training.Server;

/// <summary>Source-generated log messages of the environment server.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Episode {EpisodeId} started with a budget of {MaxSteps} steps")]
    public static partial void EpisodeStarted(ILogger logger, string episodeId, int maxSteps);

    [LoggerMessage(2, LogLevel.Debug, "Episode {EpisodeId} step {Step} ({Kind}): reward {Reward}, done {Done}")]
    public static partial void StepServed(ILogger logger, string episodeId, int step, StepKind kind, double reward, bool done);

    [LoggerMessage(3, LogLevel.Information, "Episode {EpisodeId} removed: {Reason}")]
    public static partial void EpisodeRemoved(ILogger logger, string episodeId, string reason);

    [LoggerMessage(4, LogLevel.Information, "Episode {EpisodeId} expired after {Idle} without requests")]
    public static partial void EpisodeExpired(ILogger logger, string episodeId, TimeSpan idle);

    [LoggerMessage(5, LogLevel.Warning, "Disposing episode {EpisodeId} failed")]
    public static partial void DisposeFailed(ILogger logger, string episodeId, Exception exception);

    [LoggerMessage(6, LogLevel.Warning, "Sweeping idle episodes failed")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(7, LogLevel.Warning, "Episode limit of {Limit} reached; refused a new episode")]
    public static partial void EpisodeLimitReached(ILogger logger, int limit);

    [LoggerMessage(8, LogLevel.Warning, "Rejected a request to {Path} from {Remote}: {Reason}")]
    public static partial void RequestRejected(ILogger logger, string path, string remote, string reason);

    [LoggerMessage(9, LogLevel.Error, "Episode {EpisodeId} could not start")]
    public static partial void StartFailed(ILogger logger, string episodeId, Exception exception);

    [LoggerMessage(10, LogLevel.Error, "Episode {EpisodeId} step failed")]
    public static partial void StepFailed(ILogger logger, string episodeId, Exception exception);

    [LoggerMessage(12, LogLevel.Error, "Episode {EpisodeId}: the reward adapter failed")]
    public static partial void RewardFailed(ILogger logger, string episodeId, Exception exception);

    [LoggerMessage(11, LogLevel.Warning, "Episode {EpisodeId} could not be completed; its steps stand")]
    public static partial void CompleteFailed(ILogger logger, string episodeId, Exception exception);

    [LoggerMessage(13, LogLevel.Warning, "No API key was configured, so this environment server generated one: {ApiKey}. Trainers must send 'Authorization: Bearer <key>'. Set EnvironmentServerOptions.ApiKey to choose the key, or RequireApiKey = false to serve loopback clients without one")]
    public static partial void ApiKeyGenerated(ILogger logger, string apiKey);

    [LoggerMessage(14, LogLevel.Warning, "This environment server requires no API key (RequireApiKey is off): any program on this machine can drive its episodes")]
    public static partial void ApiKeyNotRequired(ILogger logger);

    [LoggerMessage(15, LogLevel.Debug, "OpenEnv WebSocket session from {Remote} started")]
    public static partial void OpenEnvSessionStarted(ILogger logger, string remote);

    [LoggerMessage(16, LogLevel.Debug, "OpenEnv WebSocket session from {Remote} ended")]
    public static partial void OpenEnvSessionEnded(ILogger logger, string remote);

    [LoggerMessage(17, LogLevel.Error, "An OpenEnv WebSocket request failed unexpectedly")]
    public static partial void OpenEnvRequestFailed(ILogger logger, Exception exception);

    [LoggerMessage(18, LogLevel.Warning, "Every slot of the cluster's workers holds an episode; a new episode was refused")]
    public static partial void HostFull(ILogger logger);
}
