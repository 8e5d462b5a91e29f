using Microsoft.Extensions.Logging;

namespace WebGen.Sandbox.Tests.Isolation;

/// <summary>Without a working boundary no session opens, unless the caller chose <see cref="SandboxIsolation.None"/>, which every result reports.</summary>
public sealed class FailClosedTests
{
    [TestCase(SandboxIsolation.Auto)]
    [TestCase(SandboxIsolation.Bubblewrap)]
    public async Task A_missing_bubblewrap_refuses_to_open_a_session_and_says_what_to_install(SandboxIsolation isolation)
    {
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options(o =>
        {
            o.Isolation = isolation;
            o.BubblewrapPath = "/nonexistent/bwrap";
        }));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await sandbox.OpenSessionAsync(SandboxFixture.Request(SandboxFixture.NewWorkspace("closed"))));

        Assert.That(error!.Message, Does.Contain("apt-get install bubblewrap").And.Contain("LocalSandboxOptions.Isolation"));
    }

    [Test]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Namespaces_that_cannot_be_created_refuse_to_open_a_session()
    {
        // A bwrap that fails the way it does where unprivileged user namespaces are disabled.
        var fake = Path.Combine(SandboxFixture.Root, $"bwrap-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(fake, "#!/bin/sh\necho 'bwrap: No permissions to create new namespace, likely because the kernel does not allow non-privileged user namespaces.' >&2\nexit 1\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options(o => o.BubblewrapPath = fake));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await sandbox.OpenSessionAsync(SandboxFixture.Request(SandboxFixture.NewWorkspace("closed"))));

        Assert.That(error!.Message, Does.Contain("No permissions to create new namespace").And.Contain("unprivileged user namespaces"));
    }

    [Test]
    public async Task Isolation_none_is_logged_as_a_warning_and_reported_in_every_result()
    {
        var workspace = SandboxFixture.NewWorkspace("none");
        TestSites.WriteReactSite(workspace);
        var logs = new ListLoggerFactory();
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options(o => o.Isolation = SandboxIsolation.None), logs);
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var shell = await session.RunShellAsync("node --version");
        var run = await session.EnsureRunningAsync();

        Assert.That(run.IsRunning, Is.True, run.FailureExcerpt);
        Assert.That(run.Containment, Is.EqualTo(SandboxContainment.None));
        Assert.That(shell.Containment, Is.EqualTo(SandboxContainment.None));
        Assert.That(logs.Entries, Has.Some.Matches<(LogLevel Level, string Message)>(e => e.Level == LogLevel.Warning && e.Message.Contains("isolation is off", StringComparison.Ordinal)));
    }

    [Test]
    public void Isolation_availability_can_be_checked_up_front()
    {
        Assert.That(LocalNodeSandbox.IsIsolationAvailable(out var problem), Is.True, problem);
        Assert.That(LocalNodeSandbox.IsIsolationAvailable(out problem, "/nonexistent/bwrap"), Is.False);
        Assert.That(problem, Does.Contain("bubblewrap"));
    }

    private sealed class ListLoggerFactory : ILoggerFactory
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => new ListLogger(this);

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        private sealed class ListLogger(ListLoggerFactory owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner.Entries)
                {
                    owner.Entries.Add((logLevel, formatter(state, exception)));
                }
            }
        }
    }
}
