using System.Diagnostics;

namespace WebGen.Sandbox.Tests.Safety;

/// <summary>
/// Project files the site's code replaced by links or FIFOs: the host reads package.json, the lockfile and the config
/// files to decide what to do, and must neither read a host file through a link nor block on a FIFO.
/// </summary>
[Platform(Include = "Linux")]
public sealed class ProjectFileAttackTests
{
    [Test]
    public async Task A_package_json_linked_to_a_host_file_is_refused_without_quoting_it()
    {
        var secret = Path.Combine(SandboxFixture.Root, $"host-secret-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(secret, "HOST-SECRET-MARKER not json");
        var workspace = SandboxFixture.NewWorkspace("linked-manifest");
        File.CreateSymbolicLink(Path.Combine(workspace, "package.json"), secret);
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options(template: false));
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var result = await session.EnsureRunningAsync();

        Assert.That(result.Failure, Is.EqualTo(SandboxFailureKind.InvalidProject));
        Assert.That(result.Install.Detail, Does.Contain("package.json is a symbolic link"));
        Assert.That(result.FailureExcerpt + result.Install.Detail, Does.Not.Contain("HOST-SECRET-MARKER"));
    }

    [Test]
    public async Task A_fifo_lockfile_or_config_file_never_blocks_the_host()
    {
        var workspace = SandboxFixture.NewWorkspace("fifo");
        TestSites.WritePackageJson(workspace, new Dictionary<string, string> { ["start"] = "node server.js" });
        TestSites.Write(workspace, "server.js", """
            import { createServer } from 'node:http';
            createServer((req, res) => { res.setHeader('content-type', 'text/html'); res.end('<h1>fifo</h1>'); }).listen(Number(process.env.PORT), process.env.HOST);
            """);
        MakeFifo(Path.Combine(workspace, "vite.config.local.js"));
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options(template: false));
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var running = session.EnsureRunningAsync();
        Assert.That(await Task.WhenAny(running, Task.Delay(TimeSpan.FromMinutes(2))), Is.SameAs(running), "a FIFO config file must not block the host");
        Assert.That((await running).IsRunning, Is.True, (await running).FailureExcerpt);

        File.Delete(Path.Combine(workspace, "package-lock.json"));
        MakeFifo(Path.Combine(workspace, "package-lock.json"));
        var refused = session.EnsureRunningAsync();
        Assert.That(await Task.WhenAny(refused, Task.Delay(TimeSpan.FromMinutes(1))), Is.SameAs(refused), "a FIFO lockfile must not block the host");
        Assert.That((await refused).Failure, Is.EqualTo(SandboxFailureKind.InvalidProject));
        Assert.That((await refused).Install.Detail, Does.Contain("package-lock.json is not a regular file"));
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path])!;
        mkfifo.WaitForExit();
        Assert.That(mkfifo.ExitCode, Is.Zero);
    }
}
