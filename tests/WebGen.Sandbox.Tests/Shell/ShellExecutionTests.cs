namespace WebGen.Sandbox.Tests.Shell;

public sealed class ShellExecutionTests
{
    [Test]
    public async Task Allowed_command_runs_and_its_output_is_captured()
    {
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(SandboxFixture.NewWorkspace("shell")));

        var result = await session.RunShellAsync("npm --version");

        Assert.That(result.Succeeded, Is.True, result.Output);
        Assert.That(result.Output, Does.Match(@"^\d+\.\d+\.\d+"));
    }

    [Test]
    public async Task Chains_follow_shell_semantics_without_a_shell()
    {
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(SandboxFixture.NewWorkspace("chain")));

        var and = await session.RunShellAsync("node -e \"console.log('one')\" && node -e \"console.log('two')\"");
        var stopped = await session.RunShellAsync("node -e \"process.exit(2)\" && node -e \"console.log('never')\"");
        var fallback = await session.RunShellAsync("node -e \"process.exit(2)\" || node -e \"console.log('fallback')\"");
        var literal = await session.RunShellAsync("node -e \"console.log(process.argv[1])\" 'a; rm -rf / && echo $HOME'");

        Assert.That(and.Output, Does.Contain("one").And.Contain("two"));
        Assert.That(stopped.ExitCode, Is.EqualTo(2));
        Assert.That(stopped.Output, Does.Not.Contain("never"));
        Assert.That(fallback.Succeeded, Is.True);
        Assert.That(fallback.Output, Does.Contain("fallback"));
        Assert.That(literal.Output.Trim(), Is.EqualTo("a; rm -rf / && echo $HOME"), "quoted metacharacters are one literal argument");
    }

    [Test]
    public async Task Cd_moves_within_the_workspace_only()
    {
        var workspace = SandboxFixture.NewWorkspace("cd");
        Directory.CreateDirectory(Path.Combine(workspace, "src"));
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var inside = await session.RunShellAsync("cd src && node -e \"console.log(process.cwd())\"");
        var outside = await session.RunShellAsync("cd .. && node -e \"console.log(process.cwd())\"");
        var missing = await session.RunShellAsync("cd nowhere && node -e \"console.log('ran')\"");

        Assert.That(inside.Output.Trim(), Is.EqualTo(Path.Combine(workspace, "src")));
        Assert.That(outside.Allowed, Is.False);
        Assert.That(outside.RefusalReason, Does.Contain("leaves the project"));
        Assert.That(missing.ExitCode, Is.EqualTo(1));
        Assert.That(missing.Output, Does.Contain("no such directory").And.Not.Contain("ran"));
    }

    [Test]
    public async Task Long_output_keeps_its_head_and_tail()
    {
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(SandboxFixture.NewWorkspace("long-output")));

        var result = await session.RunShellAsync("node -e \"for (let i = 1; i <= 2000; i++) console.log('line ' + i)\"");
        var lines = result.Output.Split('\n');

        Assert.That(result.Succeeded, Is.True);
        Assert.That(lines, Has.Length.EqualTo(101));
        Assert.That(lines[0], Is.EqualTo("line 1"));
        Assert.That(lines[49], Is.EqualTo("line 50"));
        Assert.That(lines[50], Does.Contain("1900 lines omitted"));
        Assert.That(lines[51], Is.EqualTo("line 1951"));
        Assert.That(lines[^1], Is.EqualTo("line 2000"));
    }

    [Test]
    public async Task A_command_over_its_time_limit_is_killed_with_its_group()
    {
        var workspace = SandboxFixture.NewWorkspace("shell-timeout");
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options(o => o.ShellTimeout = TimeSpan.FromSeconds(2)));
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var result = await session.RunShellAsync("node -e \"require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); setInterval(() => {}, 1000)\"");

        Assert.That(result.TimedOut, Is.True);
        Assert.That(result.ExitCode, Is.Null);
        Assert.That(result.Succeeded, Is.False);
        Assert.That(HostProcesses.LiveUnder(workspace), Is.Empty);
    }

    [Test]
    public async Task Background_processes_a_finished_command_left_behind_are_reaped()
    {
        var workspace = SandboxFixture.NewWorkspace("shell-orphan");
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var result = await session.RunShellAsync("node -e \"require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore', detached: false }).unref(); console.log('parent done')\"");

        Assert.That(result.Succeeded, Is.True, result.Output);
        Assert.That(HostProcesses.LiveUnder(workspace), Is.Empty);
    }

    [Test]
    public async Task Cancelling_a_shell_command_kills_it()
    {
        var workspace = SandboxFixture.NewWorkspace("shell-cancel");
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));
        using var cancellation = new CancellationTokenSource();

        var run = session.RunShellAsync("node -e \"setInterval(() => {}, 1000)\" shell-cancel-marker", cancellation.Token);
        Assert.That(await HostProcesses.EventuallyAsync(() => HostProcesses.LiveUnder(workspace).Count > 0), Is.True);
        await cancellation.CancelAsync();

        await Assert.CatchAsync<OperationCanceledException>(async () => await run);
        Assert.That(HostProcesses.LiveUnder(workspace), Is.Empty);
    }

    [TestCase("npm run dev")]
    [TestCase("npm start")]
    [TestCase("npx vite --port 3000")]
    public async Task Starting_a_dev_server_from_a_shell_action_is_refused_because_the_sandbox_runs_it(string command)
    {
        // A short limit, so that a regression fails fast instead of serving for minutes.
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options(o => o.ShellTimeout = TimeSpan.FromSeconds(20)));
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(SandboxFixture.NewWorkspace("dev-shell")));

        var result = await session.RunShellAsync(command);

        Assert.That(result.Allowed, Is.False);
        Assert.That(result.RefusalReason, Does.Contain("starts the dev server itself"));
    }

    [Test]
    public async Task An_npm_install_from_a_shell_action_spares_the_next_step_a_reinstall_but_restarts_the_server()
    {
        var workspace = SandboxFixture.NewWorkspace("shell-install");
        TestSites.WriteReactSite(workspace);
        TestSites.Write(workspace, "greeting/package.json", """{ "name": "greeting", "version": "1.0.0", "main": "index.js" }""");
        TestSites.Write(workspace, "greeting/index.js", "module.exports = 'hi';\n");
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));
        var first = await session.EnsureRunningAsync();
        Assert.That(first.IsRunning, Is.True, first.FailureExcerpt);

        var install = await session.RunShellAsync("npm install ./greeting");
        var second = await session.EnsureRunningAsync();

        Assert.That(install.Succeeded, Is.True, install.Output);
        Assert.That(File.ReadAllText(Path.Combine(workspace, "package.json")), Does.Contain("greeting"));
        Assert.That(second.IsRunning, Is.True, second.FailureExcerpt);
        Assert.That(second.Install.Status, Is.EqualTo(SandboxStageStatus.Skipped));
        Assert.That(second.ServerProcessId, Is.Not.EqualTo(first.ServerProcessId));
    }
}
