using System.Diagnostics;

namespace WebGen.Sandbox.Tests.Safety;

/// <summary>
/// The ways a model can try to get npm to run install scripts or read this machine's files, through real sessions
/// and a real npm. Each keeps a marker outside the workspace that must stay absent.
/// </summary>
public sealed class NpmConfigurationAttackTests
{
    [TestCase("--no-ig")]
    [TestCase("--ignore-script=false")]
    [TestCase("--ignore-scripts false")]
    [TestCase("-ig=false")]
    [TestCase("---no-ignore-scripts")]
    public async Task A_spelling_that_really_reenables_scripts_is_refused(string spelling)
    {
        // Control: npm itself, with the sandbox's npm_config_ignore_scripts=true, does run the script with this spelling.
        var (direct, directMarker) = ProjectWithPostinstall("control");
        var exit = await RunNpmAsync(direct, ["install", .. spelling.Split(' ')]);
        Assert.That(exit, Is.Zero);
        Assert.That(File.Exists(directMarker), Is.True, $"'{spelling}' must be a real way around ignore-scripts for this test to mean anything");

        var (workspace, marker) = ProjectWithPostinstall("refused");
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options(template: false));
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var refused = await session.RunShellAsync("npm install " + spelling);
        var plain = await session.RunShellAsync("npm install");

        Assert.That(refused.Allowed, Is.False);
        Assert.That(refused.RefusalReason, Does.Contain("lifecycle scripts"));
        Assert.That(plain.Succeeded, Is.True, plain.Output);
        Assert.That(File.Exists(marker), Is.False, "no install script may run");
    }

    [Test]
    public async Task An_npmrc_written_by_a_shell_action_stops_npm_until_it_is_deleted()
    {
        var (workspace, marker) = ProjectWithPostinstall("npmrc");
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options(template: false));
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var written = await session.RunShellAsync("node -e \"require('fs').writeFileSync('.npmrc', 'ignore-scripts=false\\n')\"");
        var install = await session.RunShellAsync("npm install");
        var run = await session.EnsureRunningAsync();

        Assert.That(written.Succeeded, Is.True, written.Output);
        Assert.That(install.Allowed, Is.False);
        Assert.That(install.RefusalReason, Does.Contain(".npmrc file").And.Contain("rmSync('.npmrc')"));
        Assert.That(run.Failure, Is.EqualTo(SandboxFailureKind.InvalidProject));
        Assert.That(run.Install.Status, Is.EqualTo(SandboxStageStatus.Failed));
        Assert.That(run.Install.Detail, Does.Contain(".npmrc file"));
        Assert.That(File.Exists(marker), Is.False);

        var deleted = await session.RunShellAsync("node -e \"require('fs').rmSync('.npmrc')\"");
        var after = await session.RunShellAsync("npm install");

        Assert.That(deleted.Succeeded && after.Succeeded, Is.True, after.Output);
        Assert.That(File.Exists(marker), Is.False);
    }

    [Test]
    public async Task A_dependency_on_this_machines_files_fails_the_install_stage_with_advice()
    {
        var outside = SandboxFixture.NewWorkspace("host-package");
        TestSites.Write(outside, "package.json", """{ "name": "host-secret", "version": "1.0.0" }""");
        TestSites.Write(outside, "secret.txt", "HOST-FILE-MARKER");
        var workspace = SandboxFixture.NewWorkspace("host-dep");
        var relative = Path.GetRelativePath(workspace, outside);
        TestSites.Write(workspace, "package.json", $$"""{ "name": "site", "version": "1.0.0", "scripts": { "dev": "vite" }, "dependencies": { "host-secret": "file:{{relative}}" } }""");
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options(template: false));
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var run = await session.EnsureRunningAsync();
        var shellInstall = await session.RunShellAsync("npm install");
        var shellSpec = await session.RunShellAsync($"npm install link:{relative}");

        Assert.That(run.Failure, Is.EqualTo(SandboxFailureKind.InvalidProject));
        Assert.That(run.Install.Status, Is.EqualTo(SandboxStageStatus.Failed));
        Assert.That(run.Install.Detail, Does.Contain("\"host-secret\": \"file:").And.Contain("must come from the npm registry or from a folder inside the project").And.Contain("\"^1.2.3\""));
        Assert.That(shellInstall.Allowed || shellSpec.Allowed, Is.False);
        Assert.That(Directory.Exists(Path.Combine(workspace, "node_modules", "host-secret")), Is.False, "nothing of the host may be linked in");
    }

    private static (string Workspace, string Marker) ProjectWithPostinstall(string name)
    {
        var workspace = SandboxFixture.NewWorkspace(name);
        var marker = Path.Combine(SandboxFixture.Root, $"postinstall-ran-{Guid.NewGuid():N}");
        var script = $"node -e \"require('fs').writeFileSync('{marker}', 'ran')\"";
        TestSites.Write(workspace, "package.json", $$"""{ "name": "site", "version": "1.0.0", "scripts": { "postinstall": {{System.Text.Json.JsonSerializer.Serialize(script)}} } }""");
        return (workspace, marker);
    }

    // npm as the sandbox runs it, minus the policy: the same ignore-scripts setting in the environment.
    private static async Task<int> RunNpmAsync(string workspace, string[] arguments)
    {
        var start = new ProcessStartInfo("npm") { WorkingDirectory = workspace, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["npm_config_ignore_scripts"] = "true";
        start.Environment["npm_config_cache"] = SandboxFixture.NpmCache;
        start.Environment["npm_config_audit"] = "false";
        start.Environment["npm_config_fund"] = "false";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        TestContext.Out.WriteLine(await output + await error);
        return process.ExitCode;
    }
}
