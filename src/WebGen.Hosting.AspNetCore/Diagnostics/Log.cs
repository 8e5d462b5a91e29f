using Microsoft.Extensions.Logging;

namespace WebGen.Hosting.Diagnostics;

/// <summary>The package's log messages (event ids 1–99, unique in this package).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Run {RunId} queued (resume: {Resume})")]
    public static partial void RunQueued(ILogger logger, string runId, bool resume);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Run {RunId} ended: {Status}")]
    public static partial void RunEnded(ILogger logger, string runId, WebGenRunStatus status);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Run {RunId} failed")]
    public static partial void RunFailed(ILogger logger, string runId, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "{Count} runs had not stopped when the shutdown timeout passed; their completed steps are checkpointed")]
    public static partial void StopTimedOut(ILogger logger, int count);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Warm-up: Chromium launched in {Milliseconds} ms")]
    public static partial void BrowserWarmedUp(ILogger logger, long milliseconds);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Warm-up: Chromium did not launch; runs will try again at their first screenshot")]
    public static partial void BrowserWarmUpFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Warm-up: node_modules template in {Path}: {Status} in {Milliseconds} ms")]
    public static partial void TemplatePrepared(ILogger logger, string path, SandboxStageStatus status, long milliseconds);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Warm-up: the node_modules template in {Path} could not be prepared; sites install without it")]
    public static partial void TemplateFailed(ILogger logger, string path, Exception exception);
}
