using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebGen.Sandbox.Diagnostics;
using WebGen.Sandbox.Processes;
using WebGen.Sandbox.Sessions;

namespace WebGen.Sandbox;

/// <summary>
/// The default local sandbox: runs generated Node sites (React+Vite and anything with a <c>dev</c>,
/// <c>start</c> or <c>serve</c> script) on this machine, one <see cref="ISandboxSession"/> per episode.
/// Warm steps are fast: dependencies are installed only when their fingerprint changes, and the dev
/// server keeps running across steps (its hot reload serves file edits). It is safe by default: every install,
/// build, dev server and shell action runs inside an operating-system boundary (bubblewrap, see
/// <see cref="LocalSandboxOptions.Isolation"/>: no host files but the workspace, no host processes, no network but
/// the registry for installs, resource limits, nothing outlives the stage or the host), and inside it no npm lifecycle
/// scripts, a scrubbed environment, an allow-listed shell without a shell interpreter, wall-clock limits and capped
/// output. Linux only (it needs <c>/proc</c>, <c>setsid</c> and, isolated, bubblewrap).
/// </summary>
/// <remarks>
/// When bubblewrap is unavailable, opening a session fails with an error that says what to install; running without
/// the boundary takes <see cref="SandboxIsolation.None"/>, chosen explicitly. See docs/security.md for the threat model.
/// </remarks>
public sealed class LocalNodeSandbox : ISandbox, IAsyncDisposable, IDisposable
{
    private readonly SandboxContext _context;
    private readonly ProcessRunner _templateRunner;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly HashSet<LocalNodeSandboxSession> _sessions = [];
    private int _disposed;

    /// <summary>Creates a sandbox. Throws <see cref="OptionsValidationException"/> naming every invalid option.</summary>
    /// <param name="options">The options; copied, so later changes to the instance have no effect.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    /// <param name="timeProvider">The clock for time limits and durations; <see cref="TimeProvider.System"/> when null.</param>
    public LocalNodeSandbox(LocalSandboxOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new LocalSandboxOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(LocalSandboxOptions), validation.Failures);
        }

        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("LocalNodeSandbox runs on Linux only: it places every child in its own process group with setsid and finds group members through /proc.");
        }

        ChildProcess.EnsureSupported();
        var snapshot = options.Clone();
        var cache = snapshot.NpmCacheDirectory ?? ChildEnvironment.DefaultNpmCacheDirectory();
        Directory.CreateDirectory(cache);
        var time = timeProvider ?? TimeProvider.System;
        loggerFactory ??= NullLoggerFactory.Instance;
        var http = new HttpClient(new SocketsHttpHandler
        {
            // Probes go straight to 127.0.0.1, never through a proxy configured for the host.
            UseProxy = false,
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(2),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _context = new SandboxContext(snapshot, cache, time, loggerFactory, http);
        _templateRunner = new ProcessRunner(snapshot, time, () => _context.Isolation);
        _logger = loggerFactory.CreateLogger<LocalNodeSandbox>();

        // A host that exits without disposing the sandbox must not leave dev servers behind.
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>
    /// The packages <see cref="PrepareTemplateAsync"/> installs by default: what generated React+Vite sites
    /// most often use (React 19, Vite 8 with the React plugin, React Router, Tailwind CSS 4, lucide icons).
    /// </summary>
    public static IReadOnlyDictionary<string, string> DefaultTemplatePackages { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["react"] = "^19.0.0",
        ["react-dom"] = "^19.0.0",
        ["react-router-dom"] = "^7.0.0",
        ["vite"] = "^8.0.0",
        ["@vitejs/plugin-react"] = "^6.0.0",
        ["tailwindcss"] = "^4.0.0",
        ["@tailwindcss/vite"] = "^4.0.0",
        ["lucide-react"] = "^1.0.0",
    };

    /// <summary>The shared npm cache directory every session uses.</summary>
    public string NpmCacheDirectory => _context.NpmCacheDirectory;

    /// <summary>
    /// True when bubblewrap isolation works on this machine (installed, and user, pid and network namespaces can be
    /// created); otherwise <paramref name="problem"/> says what to install or change. For health checks and set-up scripts.
    /// </summary>
    /// <param name="problem">Why isolation is unavailable, or null.</param>
    /// <param name="bubblewrapPath">The <c>bwrap</c> executable; null finds it on <c>PATH</c>.</param>
    public static bool IsIsolationAvailable(out string? problem, string? bubblewrapPath = null) =>
        Isolation.BubblewrapTools.IsAvailable(bubblewrapPath, Environment.GetEnvironmentVariable("PATH"), out problem);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Isolation is required (<see cref="SandboxIsolation.Auto"/> or
    /// <see cref="SandboxIsolation.Bubblewrap"/>) but unavailable here; the message names the package to install and the option to change.</exception>
    public ValueTask<ISandboxSession> OpenSessionAsync(SandboxSessionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (string.IsNullOrWhiteSpace(request.WorkspacePath) || !Path.IsPathFullyQualified(request.WorkspacePath))
        {
            throw new ArgumentException($"{nameof(SandboxSessionRequest.WorkspacePath)} must be an absolute path, was '{request.WorkspacePath}'.", nameof(request));
        }

        var workspace = Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.WorkspacePath));
        if (!Directory.Exists(workspace))
        {
            throw new ArgumentException($"The workspace directory '{workspace}' does not exist; create it (and write the site's files) before opening a session.", nameof(request));
        }

        // Fails closed: no session without the boundary unless None was chosen.
        _ = _context.Isolation;
        var session = new LocalNodeSandboxSession(_context, workspace, request.EpisodeId, Forget);
        lock (_gate)
        {
            _sessions.Add(session);
        }

        Log.SessionOpened(_logger, request.EpisodeId, workspace);
        return ValueTask.FromResult<ISandboxSession>(session);
    }

    /// <summary>
    /// Installs <paramref name="packages"/> (default <see cref="DefaultTemplatePackages"/>) into
    /// <see cref="LocalSandboxOptions.NodeModulesTemplatePath"/>, with the sandbox's npm flags and cache, so
    /// later sessions can seed <c>node_modules</c> from it. Run it once per machine (or after upgrading the packages).
    /// </summary>
    /// <param name="packages">Package name to version range.</param>
    /// <param name="cancellationToken">Cancels the install and kills npm.</param>
    /// <returns>The install stage: <see cref="SandboxStageStatus.Succeeded"/>, or why it failed with npm's output.</returns>
    public async Task<SandboxStageResult> PrepareTemplateAsync(IReadOnlyDictionary<string, string>? packages = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var directory = _context.Options.NodeModulesTemplatePath
            ?? throw new InvalidOperationException($"Set {nameof(LocalSandboxOptions)}.{nameof(LocalSandboxOptions.NodeModulesTemplatePath)} to the directory that should hold the template.");
        Directory.CreateDirectory(directory);
        var manifest = new Dictionary<string, object>
        {
            ["name"] = "webgen-sandbox-node-modules-template",
            ["private"] = true,
            ["dependencies"] = packages ?? DefaultTemplatePackages,
        };
        await File.WriteAllTextAsync(Path.Combine(directory, "package.json"), JsonSerializer.Serialize(manifest), cancellationToken).ConfigureAwait(false);

        var outcome = await _templateRunner.RunAsync(_context.InstallInfo(directory), SandboxContext.Profile("install", directory, installs: true), _context.Options.InstallTimeout, cancellationToken).ConfigureAwait(false);
        var status = outcome.Succeeded ? SandboxStageStatus.Succeeded : outcome.TimedOut ? SandboxStageStatus.TimedOut : SandboxStageStatus.Failed;
        Log.TemplatePrepared(_logger, directory, status, (long)outcome.Duration.TotalMilliseconds);
        return new SandboxStageResult
        {
            Status = status,
            Command = outcome.Command,
            ExitCode = outcome.ExitCode,
            Duration = outcome.Duration,
            Output = outcome.Output.Text(),
            Detail = outcome.Succeeded ? $"Template ready in {directory}." : $"'{outcome.Command}' did not succeed in {directory}.",
        };
    }

    /// <summary>Closes every open session, stopping and reaping all their processes.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        foreach (var session in OpenSessions())
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }

        _templateRunner.KillAll();
        _context.Http.Dispose();
        _context.Dispose();
    }

    /// <summary>Kills every process of every open session at once (SIGKILL to each process group), without waiting.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        KillEverything();
        _context.Http.Dispose();
        _context.Dispose();
    }

    private void OnProcessExit(object? sender, EventArgs e) => KillEverything();

    private void KillEverything()
    {
        foreach (var session in OpenSessions())
        {
            session.Kill();
        }

        _templateRunner.KillAll();
    }

    private LocalNodeSandboxSession[] OpenSessions()
    {
        lock (_gate)
        {
            return [.. _sessions];
        }
    }

    private void Forget(LocalNodeSandboxSession session)
    {
        lock (_gate)
        {
            _sessions.Remove(session);
        }
    }
}
