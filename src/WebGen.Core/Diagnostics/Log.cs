using Microsoft.Extensions.Logging;

namespace WebGen;

/// <summary>Source-generated log messages of the agent.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Run {RunId} started in {RunDirectory}")]
    public static partial void RunStarted(ILogger logger, string runId, string runDirectory);

    [LoggerMessage(2, LogLevel.Information, "Run {RunId} resumed after step {LastStep}")]
    public static partial void RunResumed(ILogger logger, string runId, int lastStep);

    [LoggerMessage(3, LogLevel.Information, "Step {Step} ({Kind}) done: screenshot {ScreenshotGrade}, GUI {GuiGrade}, error {HasError}, consecutive errors {ErrorCount}")]
    public static partial void StepCompleted(ILogger logger, int step, StepKind kind, int screenshotGrade, int guiGrade, bool hasError, int errorCount);

    [LoggerMessage(4, LogLevel.Warning, "Step {Step} failed unexpectedly")]
    public static partial void StepFailed(ILogger logger, int step, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Run {RunId} backtracked to {ToStep}: {Reason}")]
    public static partial void Backtracked(ILogger logger, string runId, string toStep, string reason);

    [LoggerMessage(6, LogLevel.Warning, "The code model call failed")]
    public static partial void ModelCallFailed(ILogger logger, Exception exception);

    [LoggerMessage(7, LogLevel.Information, "Run {RunId} ended ({StopReason}); chose {Selection}")]
    public static partial void RunCompleted(ILogger logger, string runId, WebGenStopReason stopReason, string selection);

    [LoggerMessage(8, LogLevel.Warning, "GUI-test planning failed; using the generic instruction")]
    public static partial void PlanFailed(ILogger logger, Exception exception);

    [LoggerMessage(9, LogLevel.Warning, "Screenshot scorer {Scorer} failed")]
    public static partial void ScorerFailed(ILogger logger, string scorer, Exception exception);

    [LoggerMessage(10, LogLevel.Warning, "Releasing the browser session of run {RunId} failed")]
    public static partial void EndSessionFailed(ILogger logger, string runId, Exception exception);

    [LoggerMessage(11, LogLevel.Warning, "The installed dependencies of ended run {RunId} could not be deleted")]
    public static partial void DependenciesNotDeleted(ILogger logger, string runId, Exception exception);
}
