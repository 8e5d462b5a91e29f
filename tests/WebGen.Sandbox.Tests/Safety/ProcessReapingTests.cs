namespace WebGen.Sandbox.Tests.Safety;

public sealed class ProcessReapingTests
{
    [Test]
    public async Task Cancelling_contained_commands_at_any_moment_of_their_start_leaves_no_process()
    {
        // Killing bubblewrap before it has tied its namespace's init to itself must not orphan the namespace.
        var workspace = SandboxFixture.NewWorkspace("cancel-early");
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options(template: false));
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));
        for (var attempt = 0; attempt < 15; attempt++)
        {
            using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(attempt * 12));
            try
            {
                await session.RunShellAsync($"node -e \"setInterval(() => {{}}, 1000)\" early-cancel-{attempt}", cancellation.Token);
            }
            catch (OperationCanceledException)
            {
            }

            Assert.That(HostProcesses.LiveUnder(workspace), Is.Empty, $"attempt {attempt}");
        }

        Assert.That(HostProcesses.Snapshot().Where(p => p.State != 'Z' && p.CommandLine.Contains("early-cancel-", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task Cancelling_mid_install_kills_npm_and_its_whole_group()
    {
        var workspace = SandboxFixture.NewWorkspace("cancel-install");
        TestSites.WriteReactSite(workspace);
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options(template: false));
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));
        using var cancellation = new CancellationTokenSource();

        var run = session.EnsureRunningAsync(cancellation.Token);
        var groups = await GroupsOfProcessesUnderAsync(workspace, "npm");
        await cancellation.CancelAsync();

        await Assert.CatchAsync<OperationCanceledException>(async () => await run);
        Assert.That(HostProcesses.LiveInGroups(groups), Is.Empty);
        Assert.That(HostProcesses.LiveUnder(workspace), Is.Empty);
    }

    [Test]
    public async Task Disposing_mid_install_kills_npm_and_its_whole_group()
    {
        var workspace = SandboxFixture.NewWorkspace("dispose-install");
        TestSites.WriteReactSite(workspace);
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options(template: false));
        var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var run = session.EnsureRunningAsync();
        var groups = await GroupsOfProcessesUnderAsync(workspace, "npm");
        await session.DisposeAsync();

        await Assert.CatchAsync<OperationCanceledException>(async () => await run);
        Assert.That(HostProcesses.LiveInGroups(groups), Is.Empty);
        Assert.That(HostProcesses.LiveUnder(workspace), Is.Empty);
    }

    [Test]
    public async Task Cancelling_mid_start_kills_the_server_and_its_children()
    {
        var workspace = WriteSlowServer("cancel-start");
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options(template: false));
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));
        using var cancellation = new CancellationTokenSource();

        var run = session.EnsureRunningAsync(cancellation.Token);
        var groups = await GroupsOfProcessesUnderAsync(workspace, "helper-child");
        await cancellation.CancelAsync();

        await Assert.CatchAsync<OperationCanceledException>(async () => await run);
        Assert.That(HostProcesses.LiveInGroups(groups), Is.Empty);
        Assert.That(HostProcesses.LiveUnder(workspace), Is.Empty);
    }

    [Test]
    public async Task Disposing_mid_start_kills_the_server_and_its_children()
    {
        var workspace = WriteSlowServer("dispose-start");
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options(template: false));
        var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var run = session.EnsureRunningAsync();
        var groups = await GroupsOfProcessesUnderAsync(workspace, "helper-child");
        await session.DisposeAsync();

        await Assert.CatchAsync<OperationCanceledException>(async () => await run);
        Assert.That(HostProcesses.LiveInGroups(groups), Is.Empty);
        Assert.That(HostProcesses.LiveUnder(workspace), Is.Empty);
    }

    [Test]
    public async Task Ten_episodes_started_and_disposed_in_a_row_leave_no_process_and_no_listening_port()
    {
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        var pids = new List<int>();
        var ports = new List<int>();
        var workspaces = new List<string>();
        for (var episode = 0; episode < 10; episode++)
        {
            var workspace = SandboxFixture.NewWorkspace($"episode{episode}");
            workspaces.Add(workspace);
            TestSites.WriteReactSite(workspace, $"Episode {episode}");
            await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));
            var result = await session.EnsureRunningAsync();
            Assert.That(result.IsRunning, Is.True, result.FailureExcerpt);
            Assert.That(HostProcesses.IsListening(result.Url!.Port), Is.True);
            pids.Add(result.ServerProcessId!.Value);
            ports.Add(result.Url.Port);
        }

        Assert.That(ports.Distinct().Count(), Is.EqualTo(10));
        Assert.That(HostProcesses.LiveInGroups(pids), Is.Empty);
        Assert.That(ports.Where(HostProcesses.IsListening), Is.Empty);
        Assert.That(workspaces.SelectMany(HostProcesses.LiveUnder), Is.Empty);
    }

    [Test]
    public async Task Disposing_the_sandbox_reaps_servers_of_sessions_left_open()
    {
        var workspace = SandboxFixture.NewWorkspace("sandbox-dispose");
        TestSites.WriteReactSite(workspace);
        var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));
        var result = await session.EnsureRunningAsync();
        Assert.That(result.IsRunning, Is.True, result.FailureExcerpt);

        await sandbox.DisposeAsync();

        Assert.That(HostProcesses.LiveInGroups([result.ServerProcessId!.Value]), Is.Empty);
        Assert.That(HostProcesses.IsListening(result.Url!.Port), Is.False);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await session.EnsureRunningAsync());
    }

    [Test]
    public async Task Synchronous_dispose_kills_servers_too()
    {
        var workspace = SandboxFixture.NewWorkspace("sync-dispose");
        TestSites.WriteReactSite(workspace);
        var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));
        var result = await session.EnsureRunningAsync();
        Assert.That(result.IsRunning, Is.True, result.FailureExcerpt);

        sandbox.Dispose();

        // SIGKILL is sent synchronously; the kernel finishes tearing the processes down right after.
        Assert.That(await HostProcesses.EventuallyAsync(() => HostProcesses.LiveInGroups([result.ServerProcessId!.Value]).Count == 0), Is.True);
    }

    /// <summary>A dev script (npm → sh → node) that spawns a helper child and takes a minute before it listens.</summary>
    private static string WriteSlowServer(string name)
    {
        var workspace = SandboxFixture.NewWorkspace(name);
        TestSites.WritePackageJson(workspace, new Dictionary<string, string> { ["dev"] = "node slow.js" });
        TestSites.Write(workspace, "slow.js", """
            import { spawn } from 'node:child_process';
            import { createServer } from 'node:http';
            spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', 'helper-child'], { stdio: 'ignore' });
            console.log('starting slowly');
            setTimeout(() => createServer((q, s) => s.end('late')).listen(Number(process.env.PORT), process.env.HOST), 60000);
            """);
        return workspace;
    }

    /// <summary>Waits until a process whose command line contains <paramref name="marker"/> runs in the workspace; returns the groups seen there.</summary>
    private static async Task<HashSet<int>> GroupsOfProcessesUnderAsync(string workspace, string marker)
    {
        HashSet<int> groups = [];
        var found = await HostProcesses.EventuallyAsync(() =>
        {
            var live = HostProcesses.LiveUnder(workspace);
            groups = [.. live.Select(e => e.ProcessGroup)];
            return live.Any(e => e.CommandLine.Contains(marker, StringComparison.Ordinal));
        }, TimeSpan.FromSeconds(60));
        Assert.That(found, Is.True, $"no process with '{marker}' appeared in {workspace}");
        Assert.That(groups, Does.Not.Contain(HostProcesses.GroupOf(Environment.ProcessId)), "children run in their own process group");
        return groups;
    }
}
