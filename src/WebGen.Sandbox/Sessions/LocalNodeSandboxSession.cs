using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using WebGen.Sandbox.Diagnostics;
using WebGen.Sandbox.Install;
using WebGen.Sandbox.Isolation;
using WebGen.Sandbox.Processes;
using WebGen.Sandbox.Shell;
using WebGen.Sandbox.Start;

namespace WebGen.Sandbox.Sessions;

/// <summary>
/// One episode's workspace and dev server. Installs only when the dependency fingerprint changed, keeps the
/// server running across steps and restarts it only when dependencies or configuration changed or it died.
/// Every process it starts runs contained by the sandbox's isolation (a bubblewrap sandbox per stage; the dev server
/// reached through a <see cref="PortBridge"/>), in its own process group, and is reaped on success, failure,
/// time-out, a resource limit, cancellation and disposal.
/// </summary>
internal sealed class LocalNodeSandboxSession : ISandboxSession
{
    private const string MarkerFile = ".webgen-sandbox-install";

    private readonly SandboxContext _context;
    private readonly LocalSandboxOptions _options;
    private readonly ProcessRunner _runner;
    private readonly SiteProbe _probe;
    private readonly ShellPolicy _policy;
    private readonly ILogger _logger;
    private readonly Action<LocalNodeSandboxSession> _onClosed;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _disposing = new();
    private readonly string _workspace;
    private readonly string _episode;
    private ChildProcess? _server;
    private PortBridge? _bridge;
    private string? _bridgeDirectory;
    private string? _serverFingerprint;
    private SourceSnapshot? _seenByServer;
    private bool _servedAnError;
    private int _port;
    private string? _installedFingerprint;
    private int _disposed;

    public LocalNodeSandboxSession(SandboxContext context, string workspace, string episode, Action<LocalNodeSandboxSession> onClosed)
    {
        _context = context;
        _options = context.Options;
        _workspace = workspace;
        _episode = episode;
        _onClosed = onClosed;
        _runner = new ProcessRunner(_options, context.Time, () => context.Isolation);
        _probe = new SiteProbe(context.Http, context.Time, _options);
        _policy = new ShellPolicy(_options.AllowedShellCommands, _options.AllowInstallScripts, workspace);
        _logger = context.LoggerFactory.CreateLogger<LocalNodeSandbox>();
    }

    private TimeProvider Time => _context.Time;

    public async Task<ShellCommandResult> RunShellAsync(string command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        await _gate.WaitAsync(linked.Token).ConfigureAwait(false);
        try
        {
            using var activity = SandboxTelemetry.Source.StartActivity("sandbox.shell");
            var result = await RunShellCoreAsync(command, linked.Token).ConfigureAwait(false);
            return result with { Containment = _context.Isolation.Containment };
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<SandboxRunResult> EnsureRunningAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        await _gate.WaitAsync(linked.Token).ConfigureAwait(false);
        try
        {
            using var activity = SandboxTelemetry.Source.StartActivity("sandbox.ensure_running");
            var result = await EnsureRunningCoreAsync(linked.Token).ConfigureAwait(false);
            result = result with { Containment = _context.Isolation.Containment };
            activity?.SetTag("webgen.sandbox.failure", result.Failure.ToString());
            if (result.Failure != SandboxFailureKind.None)
            {
                Log.SiteFailed(_logger, _episode, result.Failure, result.Start.Detail ?? result.Install.Detail);
            }

            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Cancelling makes a step in progress reap what it started; then the server goes.
        await _disposing.CancelAsync().ConfigureAwait(false);
        var entered = await _gate.WaitAsync(_options.StopGracePeriod + TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        try
        {
            if (_server is not null)
            {
                await StopServerAsync("session disposed").ConfigureAwait(false);
            }
        }
        finally
        {
            _runner.KillAll();
            await CloseBridgeAsync().ConfigureAwait(false);
            ReleasePort();
            if (entered)
            {
                _gate.Release();
                _disposing.Dispose();
            }

            _onClosed(this);
            Log.SessionClosed(_logger, _episode);
        }
    }

    /// <summary>Synchronous last-resort disposal: SIGKILLs every process group of the session without waiting.</summary>
    public void Kill()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _disposing.Cancel();
        _runner.KillAll();
        _bridge?.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(1));
        ReleasePort();
        _onClosed(this);
    }

    private async Task<SandboxRunResult> EnsureRunningCoreAsync(CancellationToken cancellationToken)
    {
        var manifest = ProjectManifest.TryRead(_workspace, out var problem);
        if (manifest is null)
        {
            return new SandboxRunResult
            {
                Install = new SandboxStageResult { Status = SandboxStageStatus.Failed, Detail = problem },
                Start = SandboxStageResult.NotRun,
                Failure = SandboxFailureKind.InvalidProject,
                FailureExcerpt = problem,
            };
        }

        var install = await InstallIfNeededAsync(manifest, cancellationToken).ConfigureAwait(false);
        if (install.Status is SandboxStageStatus.Failed or SandboxStageStatus.TimedOut)
        {
            return new SandboxRunResult
            {
                Install = install,
                Start = SandboxStageResult.NotRun,
                Failure = install.LimitExceeded != SandboxLimit.None ? SandboxFailureKind.LimitExceeded : SandboxFailureKind.InstallFailed,
                FailureExcerpt = Excerpt(install.Detail, install.Output),
            };
        }

        var plan = StartPlan.Choose(manifest, _workspace, out problem);
        if (plan is null)
        {
            return new SandboxRunResult
            {
                Install = install,
                Start = new SandboxStageResult { Status = SandboxStageStatus.Failed, Detail = problem },
                Failure = SandboxFailureKind.InvalidProject,
                FailureExcerpt = problem,
            };
        }

        var fingerprint = Fingerprints.Server(_workspace, manifest, _installedFingerprint!, plan.Key);
        var step = await StartIfNeededAsync(plan, fingerprint, cancellationToken).ConfigureAwait(false);
        return step with { Install = install };
    }

    private async Task<SandboxStageResult> InstallIfNeededAsync(ProjectManifest manifest, CancellationToken cancellationToken)
    {
        var fingerprint = Fingerprints.Dependencies(_workspace, manifest, _options.AllowInstallScripts);
        var nodeModules = Path.Combine(_workspace, "node_modules");
        if (_options.SkipUnchangedInstall && Directory.Exists(nodeModules) && (fingerprint == _installedFingerprint || fingerprint == ReadMarker()))
        {
            _installedFingerprint = fingerprint;
            Log.InstallSkipped(_logger, _episode);
            SandboxTelemetry.RecordStage("install", SandboxStageStatus.Skipped, TimeSpan.Zero);
            return new SandboxStageResult { Status = SandboxStageStatus.Skipped, Detail = "Dependencies unchanged since the last successful install." };
        }

        // A server must not run while npm rewrites the packages it has loaded; it restarts after the install.
        if (_server is not null && fingerprint != _installedFingerprint)
        {
            await StopServerAsync("dependencies changed").ConfigureAwait(false);
        }

        _installedFingerprint = null;
        DeleteMarker();
        var started = Time.GetTimestamp();
        var output = OutputCapture.From(_options);
        var seeded = SeedFromTemplate(nodeModules, output, cancellationToken);
        var outcome = await _runner.RunAsync(_context.InstallInfo(_workspace), SandboxContext.Profile("install", _workspace, installs: true), _options.InstallTimeout, cancellationToken, output).ConfigureAwait(false);
        var duration = Time.GetElapsedTime(started);
        var status = outcome.Succeeded ? SandboxStageStatus.Succeeded : outcome.TimedOut ? SandboxStageStatus.TimedOut : SandboxStageStatus.Failed;
        Log.InstallFinished(_logger, _episode, outcome.Command, status, outcome.ExitCode, (long)duration.TotalMilliseconds);
        SandboxTelemetry.RecordStage("install", status, duration);

        string detail;
        if (outcome.Succeeded)
        {
            // npm writes the lockfile during the install: the fingerprint to remember is the one after it.
            _installedFingerprint = Fingerprints.Dependencies(_workspace, manifest, _options.AllowInstallScripts);
            WriteMarker(_installedFingerprint);
            detail = seeded ? "Installed after seeding node_modules from the template." : "Installed.";
        }
        else if (outcome.LimitExceeded != SandboxLimit.None)
        {
            detail = $"'{outcome.Command}' {LimitMessage(outcome.LimitExceeded)}";
            output.Append($"({detail})");
        }
        else
        {
            detail = outcome.TimedOut
                ? $"'{outcome.Command}' did not finish within {Seconds(_options.InstallTimeout)} and was stopped."
                : $"'{outcome.Command}' failed with exit code {outcome.ExitCode}.";
        }

        return new SandboxStageResult
        {
            Status = status,
            Command = outcome.Command,
            ExitCode = outcome.ExitCode,
            Duration = duration,
            Output = outcome.Output.Text(),
            Detail = detail,
            LimitExceeded = outcome.LimitExceeded,
        };
    }

    private bool SeedFromTemplate(string nodeModules, OutputCapture output, CancellationToken cancellationToken)
    {
        if (_options.NodeModulesTemplatePath is not { } template || Directory.Exists(nodeModules))
        {
            return false;
        }

        var source = Path.Combine(template, "node_modules");
        if (!Directory.Exists(source))
        {
            output.Append($"(template {source} not found; installing without it)");
            return false;
        }

        var started = Time.GetTimestamp();
        try
        {
            // Contained processes may write the workspace: a hard link to a template file they could write would let them
            // change what every later episode gets. Sealed template files are safe to link; without sealing, copy.
            var contained = _context.Isolation.Containment != SandboxContainment.None;
            var mode = contained && !NodeModulesSeeder.CanSeal ? TemplateSeedMode.Copy : _options.TemplateSeedMode;
            var files = NodeModulesSeeder.Seed(source, _workspace, mode, cancellationToken, seal: contained);
            Log.TemplateSeeded(_logger, _episode, files, (long)Time.GetElapsedTime(started).TotalMilliseconds);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The template only saves time: a plain install still gives a correct node_modules.
            output.Append($"(seeding from the template failed: {exception.Message}; installing without it)");
            return false;
        }
    }

    private async Task<SandboxRunResult> StartIfNeededAsync(StartPlan plan, string fingerprint, CancellationToken cancellationToken)
    {
        string reason;
        string? crash = null;
        if (_server is null)
        {
            reason = "first start";
        }
        else if (_server.HasExited)
        {
            (crash, reason) = Died(_server);
        }
        else if (!_options.KeepServerAlive)
        {
            reason = "keep-alive is off";
        }
        else if (fingerprint != _serverFingerprint)
        {
            reason = "dependencies or configuration changed";
        }
        else if (_servedAnError)
        {
            reason = StaleErrorRestart;
        }
        else if (_seenByServer is not null && SourceSnapshot.Take(_workspace).HasDeletionsSince(_seenByServer))
        {
            reason = DeletedFilesRestart;
        }
        else
        {
            await ResignalChangedFilesAsync(cancellationToken).ConfigureAwait(false);
            var reused = await CheckRunningServerAsync(_server, cancellationToken).ConfigureAwait(false);
            if (reused is not null)
            {
                return reused;
            }

            // The server may have died while it was being probed.
            (crash, reason) = _server.HasExited ? Died(_server) : (null, "the running server stopped answering");
        }

        if (_server is not null)
        {
            await StopServerAsync(reason).ConfigureAwait(false);
        }

        var result = await StartServerAsync(plan, fingerprint, reason, cancellationToken).ConfigureAwait(false);
        if (crash is not null && result.Failure is SandboxFailureKind.StartFailed && result.Url is null)
        {
            // The same failure again after a crash: the crash is what the model needs to see first.
            return result with { Failure = SandboxFailureKind.Crashed, FailureExcerpt = $"{crash}\n\nRestarting it failed too:\n{result.FailureExcerpt}" };
        }

        return result;
    }

    /// <summary>
    /// Why a server that answered an error to the last check is not reused. A dev server keeps what it
    /// reported: Vite holds a compile error sent while no page was connected (and, from Vite 8, a full-reload)
    /// and replays it to the next page that connects, so the fixed site would open under the old error overlay;
    /// nothing outside the server can clear that. A fresh server has seen nothing but the files as they are now.
    /// </summary>
    private const string StaleErrorRestart = "it answered an error to the last check, which it would replay to the next page";

    /// <summary>
    /// Why a server is not reused after files were deleted: it keeps the modules that import them compiled against
    /// the old files (Vite serves them from its transform cache, pointing at a file that is gone or at one another file
    /// now replaces), while a fresh server resolves every import against the workspace as it is.
    /// </summary>
    private const string DeletedFilesRestart = "files were deleted, and it keeps modules compiled against them";

    private (string Crash, string Reason) Died(ChildProcess server) =>
        (server.LimitExceeded is not SandboxLimit.None and var limit
            ? $"The server (pid {server.Pid}) {LimitMessage(limit)} Its last output:\n{server.Output.Tail(_options.OutputTailLines)}"
            : $"The server (pid {server.Pid}) had exited with code {server.ExitCode} since the last step. Its last output:\n{server.Output.Tail(_options.OutputTailLines)}",
         "the previous server died");

    /// <summary>
    /// Makes sure a running dev server has seen the last write of every file changed since the previous step.
    /// Its watcher drops a change that follows another change of the same file within 50 ms, and a module
    /// compiled in between stays stale. So once the changed files have been quiet for the settle time, their
    /// modification time is set again: a fresh change event the watcher cannot drop.
    /// </summary>
    private async Task ResignalChangedFilesAsync(CancellationToken cancellationToken)
    {
        if (_seenByServer is null || _options.WatcherSettleTime == TimeSpan.Zero)
        {
            return;
        }

        var current = SourceSnapshot.Take(_workspace);
        var changed = current.ChangedSince(_seenByServer);
        if (changed.Count == 0)
        {
            return;
        }

        var settle = _options.WatcherSettleTime;
        var quietSince = changed.Max(c => c.Modified);
        var wait = quietSince + settle - Time.GetUtcNow().UtcDateTime;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait < settle ? wait : settle, Time, cancellationToken).ConfigureAwait(false);
        }

        var now = Time.GetUtcNow().UtcDateTime;
        foreach (var (path, _) in changed)
        {
            try
            {
                File.SetLastWriteTimeUtc(path, now);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Deleted or replaced meanwhile: that itself is an event the watcher reports.
            }
        }

        _seenByServer = SourceSnapshot.Take(_workspace);

        // Give the watcher a moment to turn the event into an invalidation before the page is fetched.
        await Task.Delay(settle / 2, Time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Probes a server kept from an earlier step; null when it must be restarted.</summary>
    private async Task<SandboxRunResult?> CheckRunningServerAsync(ChildProcess server, CancellationToken cancellationToken)
    {
        var started = Time.GetTimestamp();
        var mark = server.Output.LineCount;
        var url = Url(_port);
        var answer = await _probe.WaitUntilAnsweringAsync(url, server, _options.StartTimeout, cancellationToken).ConfigureAwait(false);
        if (answer.Status != ProbeStatus.Answered)
        {
            return null;
        }

        var stage = new SandboxStageResult
        {
            Status = SandboxStageStatus.Skipped,
            Command = server.Info.DisplayCommand,
            Detail = $"Server already running (pid {server.Pid}); nothing that needs a restart changed.",
        };
        var result = await VerifyAsync(server, url, answer, stage, mark, started, cancellationToken).ConfigureAwait(false);
        SandboxTelemetry.RecordStage("start", result.Start.Status, Time.GetElapsedTime(started));
        return result;
    }

    private async Task<SandboxRunResult> StartServerAsync(StartPlan plan, string fingerprint, string reason, CancellationToken cancellationToken)
    {
        var started = Time.GetTimestamp();
        var output = OutputCapture.From(_options);
        if (plan.BuildScript is not null)
        {
            var build = await _runner.RunAsync(plan.BuildInfo(_workspace, _context.Environment), SandboxContext.Profile("build", _workspace), _options.BuildTimeout, cancellationToken, output).ConfigureAwait(false);
            if (build.LimitExceeded != SandboxLimit.None)
            {
                var detail = $"'{build.Command}' (run before the serve script) {LimitMessage(build.LimitExceeded)}";
                return StartFailure(SandboxFailureKind.LimitExceeded, build.Command, null, started, output, detail, output.Tail(_options.OutputTailLines), limit: build.LimitExceeded);
            }

            if (!build.Succeeded)
            {
                var detail = build.TimedOut
                    ? $"'{build.Command}' (run before the serve script) did not finish within {Seconds(_options.BuildTimeout)}."
                    : $"'{build.Command}' (run before the serve script) failed with exit code {build.ExitCode}.";
                return StartFailure(SandboxFailureKind.StartFailed, build.Command, build.ExitCode, started, output, detail, output.Tail(_options.OutputTailLines));
            }
        }

        for (var attempt = 1; ; attempt++)
        {
            _port = _port != 0 ? _port : PortAllocator.Reserve(_options.PortRangeStart, _options.PortRangeEnd);
            var info = plan.ServerInfo(_workspace, _context.Environment, _port);
            var url = Url(_port);
            Log.ServerStarting(_logger, _episode, info.DisplayCommand, _port, reason);
            var mark = output.LineCount;

            // A fresh server reads every file as it is now; later steps compare against this.
            _seenByServer = SourceSnapshot.Take(_workspace);
            ChildProcess server;
            try
            {
                server = StartServer(info, output);
            }
            catch (SocketException) when (attempt < 3)
            {
                // Another program took the port between the check and the bridge's bind: pick another.
                await CloseBridgeAsync().ConfigureAwait(false);
                ReleasePort();
                reason = $"port {url.Port} was taken by another program";
                continue;
            }

            _server = server;
            _serverFingerprint = fingerprint;
            ProbeResult answer;
            try
            {
                answer = await _probe.WaitUntilAnsweringAsync(url, server, _options.StartTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await StopServerAsync("start cancelled").ConfigureAwait(false);
                throw;
            }

            switch (answer.Status)
            {
                case ProbeStatus.Exited:
                    await StopServerAsync("exited before answering").ConfigureAwait(false);
                    if (server.LimitExceeded is not SandboxLimit.None and var limit)
                    {
                        return StartFailure(
                            SandboxFailureKind.LimitExceeded, info.DisplayCommand, null, started, output,
                            $"'{info.DisplayCommand}' {LimitMessage(limit)}", output.Tail(_options.OutputTailLines, mark), limit: limit);
                    }

                    if (attempt < 3 && !PortAllocator.IsFree(url.Port))
                    {
                        // Another program took the port between the check and the start: pick another.
                        ReleasePort();
                        reason = $"port {url.Port} was taken by another program";
                        continue;
                    }

                    if (attempt < 3 && ReportsPortInUse(output.Text(mark), url.Port))
                    {
                        // The port is free now, yet the server found it taken: a program that held it briefly, or
                        // the readiness probe itself. Vite first test-listens on the wildcard addresses and closes;
                        // a probe connection accepted by that short-lived listener can make its real bind fail
                        // (seen contained, in a namespace where nothing else listens). Not the site's fault: start again.
                        ReleasePort();
                        reason = $"the server found port {url.Port} in use; started again";
                        continue;
                    }

                    return StartFailure(
                        SandboxFailureKind.StartFailed, info.DisplayCommand, server.ExitCode, started, output,
                        $"'{info.DisplayCommand}' exited with code {server.ExitCode} before the site answered HTTP.",
                        output.Tail(_options.OutputTailLines, mark));
                case ProbeStatus.TimedOut:
                    await StopServerAsync("not ready in time").ConfigureAwait(false);
                    var hint = plan.Script == "dev" && info.Program == "node"
                        ? ""
                        : $" The server must listen on 127.0.0.1 at the port given in the PORT environment variable ({url.Port}).";
                    return StartFailure(
                        SandboxFailureKind.NotReadyInTime, info.DisplayCommand, null, started, output,
                        $"Nothing answered HTTP at {url} within {Seconds(_options.StartTimeout)}; the server was stopped.{hint}",
                        output.Tail(_options.OutputTailLines, mark), SandboxStageStatus.TimedOut);
                default:
                    Log.ServerReady(_logger, _episode, server.Pid, url, (long)Time.GetElapsedTime(started).TotalMilliseconds);
                    var stage = new SandboxStageResult
                    {
                        Status = SandboxStageStatus.Succeeded,
                        Command = info.DisplayCommand,
                        Detail = $"Started ({reason}).",
                    };
                    var result = await VerifyAsync(server, url, answer, stage, mark, started, cancellationToken).ConfigureAwait(false);
                    SandboxTelemetry.RecordStage("start", result.Start.Status, Time.GetElapsedTime(started));
                    return result;
            }
        }
    }

    /// <summary>Checks the root page's status and the page's modules of a server that answered.</summary>
    private async Task<SandboxRunResult> VerifyAsync(ChildProcess server, Uri url, ProbeResult answer, SandboxStageResult stage, long mark, long started, CancellationToken cancellationToken)
    {
        string? problem = null;
        if ((int)answer.StatusCode >= 400)
        {
            problem = $"The server answered HTTP {(int)answer.StatusCode} for / (the site's home page):\n{SiteProbe.ErrorMessage(answer.Body)}";
        }
        else if (_options.VerifyModules && answer.ContentType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true)
        {
            var failure = await _probe.VerifyModulesAsync(url, answer.Body, _options.StartTimeout, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                problem = failure.StatusCode == 0
                    ? $"The page's modules could not be loaded: {failure.Message}."
                    : $"The server could not serve {failure.Path} (HTTP {failure.StatusCode}), so the page cannot load:\n{failure.Message}";
            }
        }

        var output = server.Output.Text(mark);
        var duration = Time.GetElapsedTime(started);
        if (server.HasExited)
        {
            var excerpt = $"The server exited with code {server.ExitCode} right after it started answering.\n{server.Output.Tail(_options.OutputTailLines, mark)}";
            await StopServerAsync("exited after answering").ConfigureAwait(false);
            return new SandboxRunResult
            {
                Install = SandboxStageResult.NotRun,
                Start = stage with { Status = SandboxStageStatus.Failed, ExitCode = server.ExitCode, Duration = duration, Output = output, Detail = "The server died after it started answering." },
                Failure = SandboxFailureKind.Crashed,
                FailureExcerpt = excerpt,
            };
        }

        _servedAnError = problem is not null;
        if (problem is not null)
        {
            // The server stays up (its address and output help diagnosis) until the next check restarts it.
            return new SandboxRunResult
            {
                Install = SandboxStageResult.NotRun,
                Start = stage with { Status = SandboxStageStatus.Failed, Duration = duration, Output = output, Detail = problem.Split('\n')[0] },
                Failure = SandboxFailureKind.StartFailed,
                Url = url,
                ServerProcessId = server.Pid,
                FailureExcerpt = problem,
            };
        }

        return new SandboxRunResult
        {
            Install = SandboxStageResult.NotRun,
            Start = stage with { Duration = duration, Output = output },
            Url = url,
            ServerProcessId = server.Pid,
        };
    }

    private SandboxRunResult StartFailure(SandboxFailureKind failure, string command, int? exitCode, long started, OutputCapture output, string detail, string log, SandboxStageStatus status = SandboxStageStatus.Failed, SandboxLimit limit = SandboxLimit.None)
    {
        var duration = Time.GetElapsedTime(started);
        SandboxTelemetry.RecordStage("start", status, duration);
        return new SandboxRunResult
        {
            Install = SandboxStageResult.NotRun,
            Start = new SandboxStageResult { Status = status, Command = command, ExitCode = exitCode, Duration = duration, Output = output.Text(), Detail = detail, LimitExceeded = limit },
            Failure = failure,
            FailureExcerpt = Excerpt(detail, log),
        };
    }

    private async Task StopServerAsync(string reason)
    {
        var server = _server!;
        _server = null;
        _serverFingerprint = null;
        _servedAnError = false;
        Log.ServerStopping(_logger, _episode, server.Pid, reason);
        await _runner.StopAsync(server).ConfigureAwait(false);
        await CloseBridgeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Starts the dev server. Contained, it listens inside its own network namespace; the bridge listens on the
    /// session's port on the host and carries connections to the relay. Throws <see cref="SocketException"/> when the
    /// port was taken meanwhile.
    /// </summary>
    private ChildProcess StartServer(ChildStartInfo info, OutputCapture output)
    {
        if (_context.Isolation.Containment == SandboxContainment.None)
        {
            return _runner.Start(info, SandboxContext.Profile("server", _workspace), output);
        }

        _bridgeDirectory = _context.Runtime!.NewBridgeDirectory();
        _bridge = PortBridge.Start(_port, Path.Combine(_bridgeDirectory, SandboxRuntime.SocketFile));
        var profile = new IsolationProfile
        {
            Stage = "server",
            WritableDirectory = _workspace,
            Network = IsolationNetwork.Bridge,
            BridgeDirectory = _bridgeDirectory,
            Port = _port,
        };
        return _runner.Start(info, profile, output);
    }

    private async Task CloseBridgeAsync()
    {
        if (_bridge is { } bridge)
        {
            _bridge = null;
            await bridge.DisposeAsync().ConfigureAwait(false);
        }

        if (_bridgeDirectory is { } directory)
        {
            _bridgeDirectory = null;
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The runtime directory is removed with the sandbox.
            }
        }
    }

    /// <summary>What the model reads when a stage was stopped by a limit: which limit, its value, and what to change.</summary>
    private string LimitMessage(SandboxLimit limit)
    {
        var limits = _options.Limits;
        return limit switch
        {
            SandboxLimit.Memory => $"was stopped: its processes used more than {Megabytes(limits.MemoryBytes)} of memory together, the sandbox's limit. Keep memory use bounded (no unbounded arrays, caches or loops that allocate).",
            SandboxLimit.Processes => $"was stopped: it started more than {limits.MaxProcesses} processes and threads, the sandbox's limit (a fork bomb or a loop that spawns processes). Do not spawn processes in a loop.",
            SandboxLimit.FileSize => $"was stopped: it wrote a file larger than {Megabytes(limits.MaxFileSizeBytes)}, the sandbox's limit. Do not write large files.",
            SandboxLimit.Disk => $"was stopped: the workspace grew beyond {Megabytes(limits.MaxWorkspaceBytes)} on disk, the sandbox's limit. Do not write large files or generate data on disk.",
            SandboxLimit.CpuTime => $"was stopped: a process used more than {Seconds(limits.CpuTime)} of CPU time, the sandbox's limit (an endless loop?).",
            _ => "was stopped by a limit of the sandbox.",
        };
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0} MB");

    private async Task<ShellCommandResult> RunShellCoreAsync(string command, CancellationToken cancellationToken)
    {
        var steps = _policy.Plan(command, out var refusal);
        if (steps is null)
        {
            Log.ShellRefused(_logger, _episode, command, refusal!);
            return new ShellCommandResult { Command = command, Allowed = false, RefusalReason = $"Refused: {refusal}." };
        }

        var started = Time.GetTimestamp();
        var output = OutputCapture.From(_options);
        var programs = steps.Count(s => s.Program is not null);
        int? exitCode = 0;
        var timedOut = false;
        var limit = SandboxLimit.None;
        var dependenciesChanged = false;
        foreach (var step in steps)
        {
            if ((step.Connector == ShellConnector.And && exitCode != 0) || (step.Connector == ShellConnector.Or && exitCode == 0))
            {
                continue;
            }

            if (step.Program is null)
            {
                if (Directory.Exists(step.WorkingDirectory))
                {
                    exitCode = 0;
                    continue;
                }

                // Later paths were checked against this directory: nothing runs from anywhere else.
                output.Append($"cd: no such directory: {Path.GetRelativePath(_workspace, step.WorkingDirectory)}");
                exitCode = 1;
                break;
            }

            var remaining = _options.ShellTimeout - Time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                timedOut = true;
                break;
            }

            var info = new ChildStartInfo { Program = step.Program, Arguments = step.Arguments, WorkingDirectory = step.WorkingDirectory, Environment = _context.Environment };
            if (programs > 1)
            {
                output.Append($"$ {info.DisplayCommand}");
            }

            // npm install/add reaches the registry and fills the shared cache; nothing else gets a network.
            var profile = SandboxContext.Profile("shell", _workspace, installs: step.ChangesDependencies);
            var outcome = await _runner.RunAsync(info, profile, remaining, cancellationToken, output).ConfigureAwait(false);
            if (outcome.TimedOut)
            {
                timedOut = true;
                break;
            }

            if (outcome.LimitExceeded != SandboxLimit.None)
            {
                limit = outcome.LimitExceeded;
                exitCode = null;
                output.Append($"(stopped: '{info.DisplayCommand}' {LimitMessage(limit)})");
                break;
            }

            exitCode = outcome.ExitCode;
            dependenciesChanged |= step.ChangesDependencies && exitCode == 0 && step.WorkingDirectory == _workspace;
        }

        var duration = Time.GetElapsedTime(started);
        if (timedOut)
        {
            output.Append($"(stopped: the command did not finish within {Seconds(_options.ShellTimeout)})");
        }
        else if (dependenciesChanged && exitCode == 0 && ProjectManifest.TryRead(_workspace, out _) is { } manifest)
        {
            // npm just made node_modules match package.json and the lockfile: the next step need not reinstall.
            _installedFingerprint = Fingerprints.Dependencies(_workspace, manifest, _options.AllowInstallScripts);
            WriteMarker(_installedFingerprint);
        }

        Log.ShellFinished(_logger, _episode, command, timedOut ? null : exitCode, (long)duration.TotalMilliseconds);
        SandboxTelemetry.RecordStage("shell", timedOut ? SandboxStageStatus.TimedOut : exitCode == 0 && limit == SandboxLimit.None ? SandboxStageStatus.Succeeded : SandboxStageStatus.Failed, duration);
        return new ShellCommandResult
        {
            Command = command,
            ExitCode = timedOut ? null : exitCode,
            TimedOut = timedOut,
            LimitExceeded = limit,
            Output = output.Text(),
            Duration = duration,
        };
    }

    private string? ReadMarker()
    {
        try
        {
            return File.ReadAllText(Path.Combine(_workspace, "node_modules", MarkerFile)).Trim();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private void WriteMarker(string fingerprint)
    {
        try
        {
            var directory = Path.Combine(_workspace, "node_modules");
            if (Directory.Exists(directory))
            {
                File.WriteAllText(Path.Combine(directory, MarkerFile), fingerprint);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Without the marker a later session just installs once more.
        }
    }

    private void DeleteMarker()
    {
        var marker = Path.Combine(_workspace, "node_modules", MarkerFile);
        if (File.Exists(marker))
        {
            File.Delete(marker);
        }
    }

    /// <summary>Whether a server's output says it could not listen because its port was in use (Node's EADDRINUSE, Vite's wording).</summary>
    internal static bool ReportsPortInUse(string output, int port)
    {
        var number = port.ToString(CultureInfo.InvariantCulture);
        return output.Contains("EADDRINUSE", StringComparison.Ordinal)
            || (output.Contains("already in use", StringComparison.OrdinalIgnoreCase) && output.Contains(number, StringComparison.Ordinal));
    }

    private void ReleasePort()
    {
        if (_port != 0)
        {
            PortAllocator.Release(_port);
            _port = 0;
        }
    }

    private string Excerpt(string? detail, string log)
    {
        var tail = log.Split('\n');
        var text = tail.Length > _options.OutputTailLines ? string.Join('\n', tail[^_options.OutputTailLines..]) : log;
        return string.IsNullOrWhiteSpace(text) ? detail ?? "" : $"{detail}\n{text}";
    }

    private static Uri Url(int port) => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));

    private static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s");
}
