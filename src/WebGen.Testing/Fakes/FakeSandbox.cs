using System.Collections.Concurrent;

namespace WebGen.Testing;

/// <summary>An in-memory <see cref="ISandbox"/>: sessions answer with callbacks and record their calls.</summary>
public sealed class FakeSandbox : ISandbox
{
    private readonly Func<FakeSandboxSession, CancellationToken, Task<SandboxRunResult>> _ensureRunning;
    private readonly Func<FakeSandboxSession, string, ShellCommandResult>? _shell;
    private readonly ConcurrentQueue<FakeSandboxSession> _sessions = new();

    /// <summary>Creates a sandbox whose sessions run <paramref name="ensureRunning"/> on every step.</summary>
    /// <param name="ensureRunning">Produces the run result (the session exposes its workspace).</param>
    /// <param name="shell">Produces shell results; when null every command succeeds with exit code 0.</param>
    public FakeSandbox(Func<FakeSandboxSession, CancellationToken, Task<SandboxRunResult>> ensureRunning, Func<FakeSandboxSession, string, ShellCommandResult>? shell = null)
    {
        _ensureRunning = ensureRunning ?? throw new ArgumentNullException(nameof(ensureRunning));
        _shell = shell;
    }

    /// <summary>Creates a sandbox whose sessions run <paramref name="ensureRunning"/> on every step.</summary>
    /// <param name="ensureRunning">Produces the run result.</param>
    public FakeSandbox(Func<FakeSandboxSession, SandboxRunResult> ensureRunning)
        : this((s, _) => Task.FromResult(ensureRunning(s)))
    {
    }

    /// <summary>A sandbox whose site always runs at <paramref name="url"/>.</summary>
    /// <param name="url">The address to report.</param>
    public static FakeSandbox AlwaysRunning(string url = "http://127.0.0.1:9/") => new(_ => Running(new Uri(url)));

    /// <summary>A successful run result.</summary>
    /// <param name="url">The address.</param>
    public static SandboxRunResult Running(Uri url) => new()
    {
        Install = new SandboxStageResult { Status = SandboxStageStatus.Skipped, Detail = "fake" },
        Start = new SandboxStageResult { Status = SandboxStageStatus.Succeeded },
        Url = url,
    };

    /// <summary>A failed run result of the given kind.</summary>
    /// <param name="kind">The failure.</param>
    /// <param name="excerpt">The log excerpt.</param>
    public static SandboxRunResult Failed(SandboxFailureKind kind, string excerpt) => new()
    {
        Install = new SandboxStageResult { Status = kind == SandboxFailureKind.InstallFailed ? SandboxStageStatus.Failed : SandboxStageStatus.Succeeded, Output = excerpt },
        Start = kind == SandboxFailureKind.InstallFailed ? SandboxStageResult.NotRun : new SandboxStageResult { Status = SandboxStageStatus.Failed, Output = excerpt },
        Failure = kind,
        FailureExcerpt = excerpt,
    };

    /// <summary>Every session opened, in order.</summary>
    public IReadOnlyList<FakeSandboxSession> Sessions => [.. _sessions];

    /// <inheritdoc />
    public ValueTask<ISandboxSession> OpenSessionAsync(SandboxSessionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var session = new FakeSandboxSession(request, _ensureRunning, _shell);
        _sessions.Enqueue(session);
        return ValueTask.FromResult<ISandboxSession>(session);
    }
}
