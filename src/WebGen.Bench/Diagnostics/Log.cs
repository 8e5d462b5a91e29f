using Microsoft.Extensions.Logging;

namespace WebGen.Bench;

/// <summary>Source-generated log messages of the benchmark runner.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Evaluating {Tasks} sites ({Cases} cases) from {SitesDirectory} into {OutputDirectory}")]
    public static partial void EvaluationStarted(ILogger logger, int tasks, int cases, string sitesDirectory, string outputDirectory);

    [LoggerMessage(2, LogLevel.Information, "Site {TaskId} did not start: {Reason}")]
    public static partial void SiteStartFailed(ILogger logger, string taskId, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Site {TaskId}: {Stage} failed; it will be retried on the next run")]
    public static partial void WorkFailed(ILogger logger, string taskId, string stage, Exception exception);

    [LoggerMessage(4, LogLevel.Information, "Site {TaskId} case {CaseIndex}: {Outcome}")]
    public static partial void CaseCompleted(ILogger logger, string taskId, int caseIndex, BenchCaseOutcome outcome);

    [LoggerMessage(5, LogLevel.Warning, "Stopping the sandbox session of site {TaskId} failed")]
    public static partial void SessionDisposeFailed(ILogger logger, string taskId, Exception exception);

    [LoggerMessage(6, LogLevel.Information, "Evaluation done: accuracy {Accuracy:F1}% over {Cases} cases, {Pending} pending")]
    public static partial void EvaluationCompleted(ILogger logger, double accuracy, int cases, int pending);

    [LoggerMessage(10, LogLevel.Information, "Smoke check done (accuracy not evaluated): {Passed} of {Cases} cases worked without errors, {Pending} pending")]
    public static partial void SmokeCheckCompleted(ILogger logger, int passed, int cases, int pending);

    [LoggerMessage(7, LogLevel.Information, "Generating sites for {Tasks} tasks into {OutputDirectory}")]
    public static partial void GenerationStarted(ILogger logger, int tasks, string outputDirectory);

    [LoggerMessage(8, LogLevel.Warning, "Generating the site of task {TaskId} failed; it will be retried on the next run")]
    public static partial void GenerationFailed(ILogger logger, string taskId, Exception exception);

    [LoggerMessage(9, LogLevel.Warning, "Writing the HTML report of task {TaskId}'s run failed")]
    public static partial void RunReportFailed(ILogger logger, string taskId, Exception exception);

    [LoggerMessage(20, LogLevel.Information, "Installing the Web-Bench test runner of project {Project} into {Directory}")]
    public static partial void WebBenchRunnerInstalling(ILogger logger, string project, string directory);

    [LoggerMessage(26, LogLevel.Warning, "Web-Bench {Project}: npm refused a peer dependency range; installing the test runner again with --legacy-peer-deps, as Web-Bench's pnpm would")]
    public static partial void WebBenchRunnerPeerConflict(ILogger logger, string project);

    [LoggerMessage(21, LogLevel.Information, "Web-Bench {Project}: site at {Url} ({Command}), running {Specs} spec file(s)")]
    public static partial void WebBenchSiteStarted(ILogger logger, string project, Uri url, string? command, int specs);

    [LoggerMessage(22, LogLevel.Warning, "Web-Bench {Project}: the site did not start: {Reason}")]
    public static partial void WebBenchSiteFailed(ILogger logger, string project, string reason);

    [LoggerMessage(23, LogLevel.Warning, "Web-Bench {Project} could not be evaluated; it will be tried again on the next run")]
    public static partial void WebBenchProjectFailed(ILogger logger, string project, Exception exception);

    [LoggerMessage(24, LogLevel.Warning, "Stopping the sandbox session of Web-Bench project {Project} failed")]
    public static partial void WebBenchSessionDisposeFailed(ILogger logger, string project, Exception exception);

    [LoggerMessage(25, LogLevel.Warning, "Removing the workspace {Directory} of a finished Web-Bench project failed")]
    public static partial void WebBenchWorkspaceCleanupFailed(ILogger logger, string directory, Exception exception);
}
