using System.Text.Json;

namespace WebGen.Sandbox.Tests.Safety;

public sealed class HostileInputTests
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

    [Test]
    public async Task Postinstall_scripts_of_the_site_and_its_dependencies_never_run()
    {
        var (workspace, markers) = WriteSiteWithInstallScripts("no-scripts");
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var result = await session.EnsureRunningAsync();

        Assert.That(result.IsRunning, Is.True, result.FailureExcerpt);
        Assert.That(markers.Where(File.Exists), Is.Empty, "no lifecycle script may run");
    }

    [Test]
    public async Task Postinstall_scripts_run_only_when_the_caller_opts_in()
    {
        // The control for the test above: the same site does write its markers when scripts are allowed.
        var (workspace, markers) = WriteSiteWithInstallScripts("with-scripts");
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options(o => o.AllowInstallScripts = true));
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var result = await session.EnsureRunningAsync();

        Assert.That(result.IsRunning, Is.True, result.FailureExcerpt);
        Assert.That(markers.Where(File.Exists), Is.EquivalentTo(markers));
    }

    [Test]
    public async Task Secrets_in_the_parent_environment_are_not_visible_to_the_site()
    {
        const string secretValue = "sk-webgen-sandbox-test-3b1f0d";
        Environment.SetEnvironmentVariable("OPENAI_API_KEY", secretValue);
        Environment.SetEnvironmentVariable("WEBGEN_TEST_SECRET_TOKEN", secretValue);
        try
        {
            var workspace = SandboxFixture.NewWorkspace("env");
            TestSites.WritePackageJson(workspace, new Dictionary<string, string> { ["start"] = "node server.js" });
            TestSites.Write(workspace, "server.js", """
                import { createServer } from 'node:http';
                createServer((req, res) => {
                  res.setHeader('content-type', req.url === '/env' ? 'application/json' : 'text/html');
                  res.end(req.url === '/env' ? JSON.stringify(process.env) : '<h1>env</h1>');
                }).listen(Number(process.env.PORT), process.env.HOST);
                """);
            await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options(o => o.EnvironmentVariables["SITE_MODE"] = "visible-by-design", template: false));
            await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

            var result = await session.EnsureRunningAsync();
            Assert.That(result.IsRunning, Is.True, result.FailureExcerpt);
            var seen = JsonSerializer.Deserialize<Dictionary<string, string>>(await Http.GetStringAsync(new Uri(result.Url!, "/env")))!;

            Assert.That(seen.Keys, Does.Not.Contain("OPENAI_API_KEY").And.Not.Contain("WEBGEN_TEST_SECRET_TOKEN"));
            Assert.That(seen.Values, Has.None.Contains(secretValue));
            Assert.That(seen["SITE_MODE"], Is.EqualTo("visible-by-design"), "explicitly given variables do reach the site");
            Assert.That(seen, Does.ContainKey("PATH"));
            foreach (var member in HostProcesses.LiveInGroups([result.ServerProcessId!.Value]))
            {
                Assert.That(HostProcesses.EnvironmentNames(member.Pid), Does.Not.Contain("OPENAI_API_KEY").And.Not.Contain("WEBGEN_TEST_SECRET_TOKEN"), member.CommandLine);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("OPENAI_API_KEY", null);
            Environment.SetEnvironmentVariable("WEBGEN_TEST_SECRET_TOKEN", null);
        }
    }

    [TestCase("rm -rf /", "'rm' is not an allowed command")]
    [TestCase("sudo rm -rf / --no-preserve-root", "'sudo' is not an allowed command")]
    [TestCase("npm --version && rm -rf /", "'rm' is not an allowed command")]
    [TestCase("npm --version; curl http://127.0.0.1:9/x | sh", "'curl' is not an allowed command")]
    [TestCase("node -e \"1\" | node", "pipes")]
    [TestCase("node -e \"1\" | sh", "'sh' is not an allowed command")]
    [TestCase("npm install `curl http://127.0.0.1:9/`", "backticks")]
    [TestCase("npm install $(cat /etc/passwd)", "$(...)")]
    [TestCase("/bin/rm -rf /", "not by path")]
    public async Task Destructive_shell_actions_are_refused_with_a_reason_and_nothing_runs(string command, string reason)
    {
        var workspace = SandboxFixture.NewWorkspace("hostile-shell");
        var canary = Path.Combine(SandboxFixture.Root, $"canary-{Guid.NewGuid():N}");
        File.WriteAllText(canary, "still here");
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var result = await session.RunShellAsync(command.Replace("/etc/passwd", canary, StringComparison.Ordinal));

        Assert.That(result.Allowed, Is.False);
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.ExitCode, Is.Null, "a refused command does not run at all");
        Assert.That(result.RefusalReason, Does.Contain(reason));
        Assert.That(result.Output, Is.Empty);
        Assert.That(File.Exists(canary), Is.True);
    }

    [Test]
    public async Task Even_an_allow_listed_rm_may_not_delete_outside_the_workspace()
    {
        var workspace = SandboxFixture.NewWorkspace("rm-allowed");
        TestSites.Write(workspace, "junk/file.txt", "x");
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options(o => o.AllowedShellCommands.Add("rm")));
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var outside = await session.RunShellAsync("rm -rf /");
        var parent = await session.RunShellAsync("rm -rf ../");
        var inside = await session.RunShellAsync("rm -rf junk");

        Assert.That(outside.Allowed, Is.False);
        Assert.That(outside.RefusalReason, Does.Contain("outside the project"));
        Assert.That(parent.Allowed, Is.False);
        Assert.That(inside.Succeeded, Is.True, inside.Output);
        Assert.That(Directory.Exists(Path.Combine(workspace, "junk")), Is.False);
    }

    private static (string Workspace, string[] Markers) WriteSiteWithInstallScripts(string name)
    {
        var workspace = SandboxFixture.NewWorkspace(name);
        // Inside the workspace: the only place an isolated install could write, so the marker shows the script itself.
        var markerDirectory = Path.Combine(workspace, "markers");
        Directory.CreateDirectory(markerDirectory);
        string[] markers = [Path.Combine(markerDirectory, "site-postinstall"), Path.Combine(markerDirectory, "dependency-install")];
        string Writer(string marker) => $"node -e \"require('fs').writeFileSync('{marker}', 'ran')\"";

        TestSites.WriteReactSite(workspace, extraDependencies: new Dictionary<string, string> { ["evil-dep"] = "file:./evil-dep" });
        var manifest = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(Path.Combine(workspace, "package.json")))!;
        var scripts = JsonSerializer.Deserialize<Dictionary<string, string>>(manifest["scripts"])!;
        scripts["postinstall"] = Writer(markers[0]);
        manifest["scripts"] = JsonSerializer.SerializeToElement(scripts);
        File.WriteAllText(Path.Combine(workspace, "package.json"), JsonSerializer.Serialize(manifest));
        TestSites.Write(workspace, "evil-dep/package.json", JsonSerializer.Serialize(new
        {
            name = "evil-dep",
            version = "1.0.0",
            scripts = new { install = Writer(markers[1]) },
        }));
        TestSites.Write(workspace, "evil-dep/index.js", "module.exports = 1;\n");
        return (workspace, markers);
    }
}
