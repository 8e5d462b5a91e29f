using WebGen.Sandbox.Isolation;
using WebGen.Sandbox.Processes;

namespace WebGen.Sandbox.Tests.Isolation;

/// <summary>
/// Exhaustion attacks end the stage with a classified limit and a message the model can act on; the host and the
/// next stage keep working. Every attack is bounded on its own, so a failing guard cannot take the machine down.
/// </summary>
public sealed class ResourceLimitTests
{
    [Test]
    public async Task A_fork_bomb_is_stopped_as_a_process_limit()
    {
        // Unbounded on purpose: only the pids cgroup stops it (the machine's own limits, without cgroups).
        Assume.That(Cgroups.Current, Is.Not.Null, "this machine lets the sandbox create cgroups");
        var script = "require('child_process').spawn('sh',['-c','f(){ f | f & }; f; sleep 30'],{stdio:'ignore'});setTimeout(()=>{},30000)";

        var (result, next) = await ShellThenNextAsync(Hostile.Node(script), o => o.Limits.MaxProcesses = 300);

        Assert.That(result.LimitExceeded, Is.EqualTo(SandboxLimit.Processes), result.Output);
        Assert.That(result.Output, Does.Contain("more than 300 processes"));
        Assert.That(result.Duration, Is.LessThan(TimeSpan.FromSeconds(20)), "stopped by the limit, not by the shell time-out");
        Assert.That(next.Succeeded, Is.True, "the next stage runs normally");
    }

    [Test]
    public async Task Spawning_past_the_process_limit_is_stopped()
    {
        var script = "const {spawn}=require('child_process');for(let i=0;i<400;i++)spawn('sleep',['60'],{stdio:'ignore'}).on('error',()=>{});setTimeout(()=>{},60000)";

        var (result, _) = await ShellThenNextAsync(Hostile.Node(script), o => o.Limits.MaxProcesses = 100);

        Assert.That(result.Allowed, Is.True, result.RefusalReason);
        Assert.That(result.LimitExceeded, Is.EqualTo(SandboxLimit.Processes), result.Output);
        Assert.That(HostProcesses.Snapshot().Count(p => p.State != 'Z' && p.CommandLine == "sleep 60"), Is.Zero, "every process of the stage is gone");
    }

    [Test]
    public async Task Allocating_past_the_memory_limit_is_stopped()
    {
        // Bounded at 2 GB in case the guard fails.
        var script = "const a=[];setInterval(()=>{a.push(Buffer.alloc(32*1024*1024,1));if(a.length>64)process.exit(3)},10)";

        var (result, next) = await ShellThenNextAsync(Hostile.Node(script), o => o.Limits.MemoryBytes = 256L * 1024 * 1024);

        Assert.That(result.LimitExceeded, Is.EqualTo(SandboxLimit.Memory), result.Output);
        Assert.That(result.Output, Does.Contain("256 MB of memory"));
        Assert.That(next.Succeeded, Is.True);
    }

    [Test]
    public async Task Writing_a_file_past_the_file_size_limit_is_stopped()
    {
        var script = "require('fs').writeFileSync('big.bin',Buffer.alloc(20*1024*1024,1))";

        var (result, _) = await ShellThenNextAsync(Hostile.Node(script), o => o.Limits.MaxFileSizeBytes = 8L * 1024 * 1024);

        Assert.That(result.LimitExceeded, Is.EqualTo(SandboxLimit.FileSize), result.Output);
        Assert.That(result.Output, Does.Contain("larger than 8 MB"));
    }

    [Test]
    public async Task Filling_the_workspace_past_its_size_limit_is_stopped()
    {
        // Bounded at 600 MB in case the guard fails; 64 MB is the limit.
        var script = "const fs=require('fs');let i=0;const t=setInterval(()=>{fs.writeFileSync('fill-'+i+'.bin',Buffer.alloc(16*1024*1024,1));if(++i>=37)clearInterval(t)},50)";

        var (result, next) = await ShellThenNextAsync(Hostile.Node(script), o => o.Limits.MaxWorkspaceBytes = 64L * 1024 * 1024);

        Assert.That(result.LimitExceeded, Is.EqualTo(SandboxLimit.Disk), result.Output);
        Assert.That(result.Output, Does.Contain("grew beyond 64 MB"));
        Assert.That(next.Succeeded, Is.True);
    }

    [Test]
    public async Task A_busy_loop_past_the_cpu_time_limit_is_stopped()
    {
        var (result, _) = await ShellThenNextAsync(Hostile.Node("while(true){}"), o => o.Limits.CpuTime = TimeSpan.FromSeconds(2));

        Assert.That(result.LimitExceeded, Is.EqualTo(SandboxLimit.CpuTime), result.Output);
        Assert.That(result.Output, Does.Contain("CPU time"));
    }

    [Test]
    public async Task Without_cgroups_the_watchdog_stops_too_many_processes_and_too_much_memory()
    {
        // The fallback where this process may not create cgroups: the guard counts the namespace's tasks and memory in /proc.
        var options = SandboxFixture.Options(o =>
        {
            o.Limits.MaxProcesses = 100;
            o.Limits.MemoryBytes = 256L * 1024 * 1024;
        }, template: false);
        var workspace = SandboxFixture.NewWorkspace("watchdog");
        var environment = ChildEnvironment.Build(options, SandboxFixture.NpmCache);
        using var runtime = new SandboxRuntime(environment);
        var isolation = new BubblewrapIsolation(BubblewrapTools.Get(null, environment["PATH"]), runtime, options, SandboxFixture.NpmCache, environment, TimeProvider.System, cgroups: null);
        var runner = new ProcessRunner(options, TimeProvider.System, () => isolation);
        var profile = new IsolationProfile { Stage = "shell", WritableDirectory = workspace };

        async Task<RunOutcome> RunAsync(string script) => await runner.RunAsync(
            new ChildStartInfo { Program = "node", Arguments = ["-e", script], WorkingDirectory = workspace, Environment = environment },
            profile, TimeSpan.FromSeconds(60), CancellationToken.None);

        var processes = await RunAsync("const {spawn}=require('child_process');let i=0;const t=setInterval(()=>{spawn('sleep',['61'],{stdio:'ignore'}).on('error',()=>{});if(++i>=400)clearInterval(t)},2);setTimeout(()=>{},60000)");
        var memory = await RunAsync("const a=[];setInterval(()=>{a.push(Buffer.alloc(32*1024*1024,1));if(a.length>64)process.exit(3)},10)");

        Assert.That(processes.LimitExceeded, Is.EqualTo(SandboxLimit.Processes), processes.Output.Text());
        Assert.That(memory.LimitExceeded, Is.EqualTo(SandboxLimit.Memory), memory.Output.Text());
        Assert.That(HostProcesses.Snapshot().Count(p => p.State != 'Z' && p.CommandLine == "sleep 61"), Is.Zero);
    }

    private static async Task<(ShellCommandResult Result, ShellCommandResult Next)> ShellThenNextAsync(string command, Action<LocalSandboxOptions> configure)
    {
        var workspace = SandboxFixture.NewWorkspace("limits");
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options(configure, template: false));
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));
        var result = await session.RunShellAsync(command);
        var next = await session.RunShellAsync("node -e \"console.log('next stage ok')\"");
        return (result, next);
    }
}
