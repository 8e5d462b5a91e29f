using System.Net;

namespace WebGen.Sandbox.Tests.Sessions;

public sealed class ReactViteSiteTests
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

    [Test]
    public async Task Site_is_installed_started_and_an_edit_is_served_without_reinstall_or_restart()
    {
        var workspace = SandboxFixture.NewWorkspace("react-site");
        TestSites.WriteReactSite(workspace, "First version");
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var first = await session.EnsureRunningAsync();

        Assert.That(first.IsRunning, Is.True, first.FailureExcerpt);
        Assert.That(first.Install.Status, Is.EqualTo(SandboxStageStatus.Succeeded));
        Assert.That(first.Start.Status, Is.EqualTo(SandboxStageStatus.Succeeded));
        Assert.That(first.Url!.Host, Is.EqualTo("127.0.0.1"));
        using (var home = await Http.GetAsync(first.Url))
        {
            Assert.That(home.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        Assert.That(await Http.GetStringAsync(new Uri(first.Url, "/src/App.jsx")), Does.Contain("First version"));

        TestSites.WriteApp(workspace, "Second version");
        var second = await session.EnsureRunningAsync();

        Assert.That(second.IsRunning, Is.True, second.FailureExcerpt);
        Assert.That(second.Install.Status, Is.EqualTo(SandboxStageStatus.Skipped), "unchanged dependencies must not be reinstalled");
        Assert.That(second.Start.Status, Is.EqualTo(SandboxStageStatus.Skipped), "a file edit must not restart the server");
        Assert.That(second.ServerProcessId, Is.EqualTo(first.ServerProcessId));
        Assert.That(second.Url, Is.EqualTo(first.Url));
        Assert.That(await HostProcesses.EventuallyAsync(() => FetchAsync(new Uri(second.Url!, "/src/App.jsx")).Result.Contains("Second version", StringComparison.Ordinal)), Is.True,
            "the running server serves the edited file");
    }

    [Test]
    public async Task Edits_in_quick_succession_are_all_served()
    {
        // Vite's watcher drops a second change of a file within 50 ms; without re-signalling, every other edit stayed stale.
        var workspace = SandboxFixture.NewWorkspace("rapid-edits");
        TestSites.WriteReactSite(workspace);
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));
        var first = await session.EnsureRunningAsync();
        Assert.That(first.IsRunning, Is.True, first.FailureExcerpt);
        var module = new Uri(first.Url!, "/src/App.jsx");

        for (var edit = 0; edit < 6; edit++)
        {
            var marker = $"Rapid edit {edit} {Guid.NewGuid():N}";
            TestSites.WriteApp(workspace, marker);
            var result = await session.EnsureRunningAsync();

            Assert.That(result.IsRunning, Is.True, result.FailureExcerpt);
            Assert.That(await HostProcesses.EventuallyAsync(() => FetchAsync(module).Result.Contains(marker, StringComparison.Ordinal), TimeSpan.FromSeconds(5)), Is.True, $"edit {edit} was served");
        }
    }

    [Test]
    public async Task First_install_seeds_node_modules_from_the_template()
    {
        var workspace = SandboxFixture.NewWorkspace("seeded");
        TestSites.WriteReactSite(workspace, extraDependencies: new Dictionary<string, string> { ["greeting"] = "file:./greeting" });
        TestSites.Write(workspace, "greeting/package.json", """{ "name": "greeting", "version": "1.0.0", "main": "index.js" }""");
        TestSites.Write(workspace, "greeting/index.js", "module.exports = 'hi';\n");
        var hiddenLockfile = Path.Combine(SandboxFixture.TemplatePath, "node_modules", ".package-lock.json");
        var templateLock = File.ReadAllText(hiddenLockfile);
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var result = await session.EnsureRunningAsync();

        Assert.That(result.IsRunning, Is.True, result.FailureExcerpt);
        Assert.That(result.Install.Detail, Does.Contain("template"));
        var seededFile = Path.Combine(workspace, "node_modules", "react", "package.json");
        var templateFile = Path.Combine(SandboxFixture.TemplatePath, "node_modules", "react", "package.json");
        Assert.That(File.ReadAllText(seededFile), Is.EqualTo(File.ReadAllText(templateFile)));
        Assert.That(File.ReadAllText(Path.Combine(workspace, "node_modules", ".package-lock.json")), Does.Contain("greeting"));
        Assert.That(File.ReadAllText(hiddenLockfile), Is.EqualTo(templateLock), "installing into a seeded workspace leaves the template untouched");
    }

    [Test]
    public async Task Adding_a_dependency_reinstalls_and_restarts_the_server()
    {
        var workspace = SandboxFixture.NewWorkspace("new-dep");
        TestSites.WriteReactSite(workspace);
        TestSites.Write(workspace, "greeting/package.json", """{ "name": "greeting", "version": "1.0.0", "type": "module", "main": "index.js" }""");
        TestSites.Write(workspace, "greeting/index.js", "export const greeting = 'Hello from a local package';\n");
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));
        var first = await session.EnsureRunningAsync();
        Assert.That(first.IsRunning, Is.True, first.FailureExcerpt);

        TestSites.WriteReactSite(workspace, extraDependencies: new Dictionary<string, string> { ["greeting"] = "file:./greeting" });
        TestSites.Write(workspace, "src/App.jsx", "import { greeting } from 'greeting'\nexport default function App() { return <h1>{greeting}</h1> }\n");
        var second = await session.EnsureRunningAsync();

        Assert.That(second.IsRunning, Is.True, second.FailureExcerpt);
        Assert.That(second.Install.Status, Is.EqualTo(SandboxStageStatus.Succeeded));
        Assert.That(second.Start.Status, Is.EqualTo(SandboxStageStatus.Succeeded));
        Assert.That(second.ServerProcessId, Is.Not.EqualTo(first.ServerProcessId));
        Assert.That(HostProcesses.LiveInGroups([first.ServerProcessId!.Value]), Is.Empty, "the old server was reaped");
    }

    [Test]
    public async Task Changing_vite_config_restarts_the_server_without_reinstalling()
    {
        var workspace = SandboxFixture.NewWorkspace("config-change");
        TestSites.WriteReactSite(workspace);
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));
        var first = await session.EnsureRunningAsync();
        Assert.That(first.IsRunning, Is.True, first.FailureExcerpt);

        TestSites.Write(workspace, "vite.config.js", """
            import { defineConfig } from 'vite'
            import react from '@vitejs/plugin-react'

            export default defineConfig({ plugins: [react()], define: { __SITE_VERSION__: '"2"' } })
            """);
        var second = await session.EnsureRunningAsync();

        Assert.That(second.IsRunning, Is.True, second.FailureExcerpt);
        Assert.That(second.Install.Status, Is.EqualTo(SandboxStageStatus.Skipped));
        Assert.That(second.Start.Status, Is.EqualTo(SandboxStageStatus.Succeeded));
        Assert.That(second.Start.Detail, Does.Contain("configuration changed"));
        Assert.That(second.ServerProcessId, Is.Not.EqualTo(first.ServerProcessId));
    }

    [Test]
    public async Task Deleting_a_file_restarts_the_server_so_modules_that_imported_it_are_resolved_again()
    {
        var workspace = SandboxFixture.NewWorkspace("deleted-file");
        TestSites.WriteReactSite(workspace);
        TestSites.Write(workspace, "src/message.js", "export default 'from message.js';\n");
        TestSites.Write(workspace, "src/App.jsx", "import message from './message';\nexport default function App() { return <h1>{message}</h1> }\n");
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));
        var first = await session.EnsureRunningAsync();
        Assert.That(first.IsRunning, Is.True, first.FailureExcerpt);
        Assert.That(await FetchAsync(new Uri(first.Url!, "/src/App.jsx")), Does.Contain("/src/message.js"));

        // App.jsx is unchanged, so a running Vite would keep serving it compiled against the deleted message.js.
        File.Delete(Path.Combine(workspace, "src", "message.js"));
        TestSites.Write(workspace, "src/message.jsx", "export default 'from message.jsx';\n");
        var second = await session.EnsureRunningAsync();

        Assert.That(second.IsRunning, Is.True, second.FailureExcerpt);
        Assert.That(await FetchAsync(new Uri(second.Url!, "/src/App.jsx")), Does.Contain("/src/message.jsx"));
        Assert.That(second.Start.Detail, Does.Contain("files were deleted"));
        Assert.That(second.ServerProcessId, Is.Not.EqualTo(first.ServerProcessId));
    }

    [Test]
    public async Task With_keep_alive_and_install_skipping_off_every_step_reinstalls_and_restarts()
    {
        var workspace = SandboxFixture.NewWorkspace("reference-mode");
        TestSites.WriteReactSite(workspace);
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options(o => { o.KeepServerAlive = false; o.SkipUnchangedInstall = false; }));
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));
        var first = await session.EnsureRunningAsync();

        var second = await session.EnsureRunningAsync();

        Assert.That(second.IsRunning, Is.True, second.FailureExcerpt);
        Assert.That(second.Install.Status, Is.EqualTo(SandboxStageStatus.Succeeded));
        Assert.That(second.Start.Status, Is.EqualTo(SandboxStageStatus.Succeeded));
        Assert.That(second.ServerProcessId, Is.Not.EqualTo(first.ServerProcessId));
    }

    [Test]
    public async Task A_new_session_over_an_installed_workspace_skips_the_install()
    {
        var workspace = SandboxFixture.NewWorkspace("resume");
        TestSites.WriteReactSite(workspace);
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        await using (var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace)))
        {
            Assert.That((await session.EnsureRunningAsync()).IsRunning, Is.True);
        }

        await using var resumed = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));
        var result = await resumed.EnsureRunningAsync();

        Assert.That(result.IsRunning, Is.True, result.FailureExcerpt);
        Assert.That(result.Install.Status, Is.EqualTo(SandboxStageStatus.Skipped));
    }

    [Test]
    public async Task Serve_script_runs_after_build()
    {
        var workspace = SandboxFixture.NewWorkspace("serve");
        TestSites.WriteReactSite(workspace, "Built site", scripts: new Dictionary<string, string> { ["build"] = "vite build", ["serve"] = "vite preview" });
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var result = await session.EnsureRunningAsync();

        Assert.That(result.IsRunning, Is.True, result.FailureExcerpt);
        Assert.That(result.Start.Command, Does.Contain("preview").And.Contain("--strictPort"));
        Assert.That(File.Exists(Path.Combine(workspace, "dist", "index.html")), Is.True, "the build ran first");
        using var home = await Http.GetAsync(result.Url);
        Assert.That(home.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_script_that_is_not_vite_runs_through_npm_with_PORT_and_HOST()
    {
        var workspace = SandboxFixture.NewWorkspace("node-server");
        TestSites.WritePackageJson(workspace, new Dictionary<string, string> { ["start"] = "node server.js" });
        TestSites.Write(workspace, "server.js", """
            import { createServer } from 'node:http';
            createServer((req, res) => { res.setHeader('content-type', 'text/html'); res.end(`<h1>${process.env.HOST}:${process.env.PORT}</h1>`); })
              .listen(Number(process.env.PORT), process.env.HOST);
            """);
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options(template: false));
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var result = await session.EnsureRunningAsync();

        Assert.That(result.IsRunning, Is.True, result.FailureExcerpt);
        Assert.That(result.Start.Command, Is.EqualTo("npm run start"));
        Assert.That(await FetchAsync(result.Url!), Does.Contain($"127.0.0.1:{result.Url!.Port}"));
    }

    private static async Task<string> FetchAsync(Uri url) => await Http.GetStringAsync(url);
}
