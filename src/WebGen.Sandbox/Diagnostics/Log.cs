using Microsoft.Extensions.Logging;

namespace WebGen.Sandbox.Diagnostics;

/// <summary>Source-generated log messages of the sandbox.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Sandbox session {Episode} opened over {Workspace}")]
    public static partial void SessionOpened(ILogger logger, string episode, string workspace);

    [LoggerMessage(2, LogLevel.Information, "Sandbox session {Episode} closed")]
    public static partial void SessionClosed(ILogger logger, string episode);

    [LoggerMessage(3, LogLevel.Debug, "{Episode}: dependencies unchanged, install skipped")]
    public static partial void InstallSkipped(ILogger logger, string episode);

    [LoggerMessage(4, LogLevel.Information, "{Episode}: seeded node_modules from the template ({Files} files) in {Milliseconds} ms")]
    public static partial void TemplateSeeded(ILogger logger, string episode, int files, long milliseconds);

    [LoggerMessage(5, LogLevel.Information, "{Episode}: '{Command}' finished with {Status} (exit code {ExitCode}) in {Milliseconds} ms")]
    public static partial void InstallFinished(ILogger logger, string episode, string command, SandboxStageStatus status, int? exitCode, long milliseconds);

    [LoggerMessage(6, LogLevel.Information, "{Episode}: starting '{Command}' on port {Port} ({Reason})")]
    public static partial void ServerStarting(ILogger logger, string episode, string command, int port, string reason);

    [LoggerMessage(7, LogLevel.Information, "{Episode}: server pid {Pid} answering at {Url} after {Milliseconds} ms")]
    public static partial void ServerReady(ILogger logger, string episode, int pid, Uri url, long milliseconds);

    [LoggerMessage(8, LogLevel.Information, "{Episode}: stopping server pid {Pid} ({Reason})")]
    public static partial void ServerStopping(ILogger logger, string episode, int pid, string reason);

    [LoggerMessage(9, LogLevel.Warning, "{Episode}: site not running ({Failure}): {Detail}")]
    public static partial void SiteFailed(ILogger logger, string episode, SandboxFailureKind failure, string? detail);

    [LoggerMessage(10, LogLevel.Warning, "{Episode}: shell action refused: {Command} ({Reason})")]
    public static partial void ShellRefused(ILogger logger, string episode, string command, string reason);

    [LoggerMessage(11, LogLevel.Information, "{Episode}: shell action '{Command}' exited with {ExitCode} in {Milliseconds} ms")]
    public static partial void ShellFinished(ILogger logger, string episode, string command, int? exitCode, long milliseconds);

    [LoggerMessage(12, LogLevel.Information, "Node modules template prepared in {Directory}: {Status} in {Milliseconds} ms")]
    public static partial void TemplatePrepared(ILogger logger, string directory, SandboxStageStatus status, long milliseconds);

    [LoggerMessage(13, LogLevel.Warning, "Sandbox isolation is off (LocalSandboxOptions.Isolation = None): installs, dev servers and shell actions run model-written code with this user's rights, files and network")]
    public static partial void IsolationDisabled(ILogger logger);
}
