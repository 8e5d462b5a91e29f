namespace WebGen.Testing;

/// <summary>A session of <see cref="FakeSandbox"/>.</summary>
public sealed class FakeSandboxSession : ISandboxSession
{
    private readonly Func<FakeSandboxSession, CancellationToken, Task<SandboxRunResult>> _ensureRunning;
    private readonly Func<FakeSandboxSession, string, ShellCommandResult>? _shell;
    private readonly List<string> _commands = [];

    internal FakeSandboxSession(SandboxSessionRequest request, Func<FakeSandboxSession, CancellationToken, Task<SandboxRunResult>> ensureRunning, Func<FakeSandboxSession, string, ShellCommandResult>? shell)
    {
        Request = request;
        _ensureRunning = ensureRunning;
        _shell = shell;
    }

    /// <summary>The request the session was opened with.</summary>
    public SandboxSessionRequest Request { get; }

    /// <summary>The workspace directory.</summary>
    public string WorkspacePath => Request.WorkspacePath;

    /// <summary>How many times <see cref="EnsureRunningAsync"/> ran.</summary>
    public int EnsureRunningCalls { get; private set; }

    /// <summary>The shell commands received.</summary>
    public IReadOnlyList<string> Commands => _commands;

    /// <summary>True once disposed.</summary>
    public bool IsDisposed { get; private set; }

    /// <inheritdoc />
    public Task<ShellCommandResult> RunShellAsync(string command, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        _commands.Add(command);
        return Task.FromResult(_shell?.Invoke(this, command) ?? new ShellCommandResult { Command = command, ExitCode = 0 });
    }

    /// <inheritdoc />
    public Task<SandboxRunResult> EnsureRunningAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        EnsureRunningCalls++;
        return _ensureRunning(this, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        IsDisposed = true;
        return ValueTask.CompletedTask;
    }
}
