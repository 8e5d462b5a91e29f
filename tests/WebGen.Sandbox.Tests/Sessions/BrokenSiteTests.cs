using System.Diagnostics;

namespace WebGen.Sandbox.Tests.Sessions;

public sealed class BrokenSiteTests
{
    [Test]
    public async Task Missing_package_json_is_an_invalid_project()
    {
        var workspace = SandboxFixture.NewWorkspace("no-manifest");
        TestSites.Write(workspace, "index.html", "<h1>no package.json</h1>");
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var result = await session.EnsureRunningAsync();

        Assert.That(result.Failure, Is.EqualTo(SandboxFailureKind.InvalidProject));
        Assert.That(result.IsRunning, Is.False);
        Assert.That(result.FailureExcerpt, Does.Contain("No package.json"));
        Assert.That(result.Start.Status, Is.EqualTo(SandboxStageStatus.NotRun));
    }

    [Test]
    public async Task Invalid_package_json_is_an_invalid_project_with_the_broken_line()
    {
        var workspace = SandboxFixture.NewWorkspace("bad-json");
        TestSites.WriteReactSite(workspace);
        TestSites.Write(workspace, "package.json", "{\n  \"name\": \"broken\",\n  \"scripts\": { \"dev\": \"vite\" }\n  \"dependencies\": {}\n}\n");
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var result = await session.EnsureRunningAsync();

        Assert.That(result.Failure, Is.EqualTo(SandboxFailureKind.InvalidProject));
        Assert.That(result.FailureExcerpt, Does.Contain("not valid JSON").And.Contain("line 4"));
        Assert.That(result.FailureExcerpt, Does.Contain("\"dependencies\": {}"), "the excerpt quotes the offending line");
        Assert.That(Directory.Exists(Path.Combine(workspace, "node_modules")), Is.False, "nothing is installed for an invalid manifest");
    }

    [Test]
    public async Task Package_json_without_a_start_script_is_an_invalid_project()
    {
        var workspace = SandboxFixture.NewWorkspace("no-script");
        TestSites.WriteReactSite(workspace, scripts: new Dictionary<string, string> { ["build"] = "vite build" });
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var result = await session.EnsureRunningAsync();

        Assert.That(result.Failure, Is.EqualTo(SandboxFailureKind.InvalidProject));
        Assert.That(result.FailureExcerpt, Does.Contain("no \"dev\", \"start\" or \"serve\" script"));
    }

    [Test]
    public async Task Conflicting_peer_dependencies_fail_the_install_unless_legacy_peer_dependencies_are_accepted()
    {
        // react-dom 19 wants react ^19 as a peer; npm refuses the pair (ERESOLVE), pnpm only warns.
        var dependencies = new Dictionary<string, string> { ["react"] = "18.3.1", ["react-dom"] = "19.3.1" };
        var strict = SandboxFixture.NewWorkspace("peer-conflict-strict");
        var lenient = SandboxFixture.NewWorkspace("peer-conflict-lenient");
        foreach (var workspace in new[] { strict, lenient })
        {
            TestSites.WritePackageJson(workspace, new Dictionary<string, string> { ["dev"] = "node server.js" }, dependencies);
            TestSites.Write(workspace, "server.js", "import { createServer } from 'node:http';\ncreateServer((q, s) => s.end('<h1>up</h1>')).listen(Number(process.env.PORT), process.env.HOST);\n");
        }

        await using (var sandbox = new LocalNodeSandbox(SandboxFixture.Options(template: false)))
        await using (var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(strict)))
        {
            var refused = await session.EnsureRunningAsync();
            Assert.That(refused.Failure, Is.EqualTo(SandboxFailureKind.InstallFailed));
            Assert.That(refused.FailureExcerpt, Does.Contain("ERESOLVE"));
        }

        await using (var sandbox = new LocalNodeSandbox(SandboxFixture.Options(o => o.LegacyPeerDependencies = true, template: false)))
        await using (var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(lenient)))
        {
            var accepted = await session.EnsureRunningAsync();
            Assert.That(accepted.IsRunning, Is.True, accepted.FailureExcerpt);
            Assert.That(accepted.Install.Command, Does.Contain("--legacy-peer-deps"));
            Assert.That(File.Exists(Path.Combine(lenient, "node_modules", "react-dom", "package.json")), Is.True);
        }
    }

    [Test]
    public async Task Dependency_that_does_not_exist_fails_the_install_with_npm_output()
    {
        var workspace = SandboxFixture.NewWorkspace("missing-dep");
        const string missing = "webgen-sandbox-no-such-package-7f3a9c";
        TestSites.WriteReactSite(workspace, extraDependencies: new Dictionary<string, string> { [missing] = "^1.0.0" });
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var result = await session.EnsureRunningAsync();

        Assert.That(result.Failure, Is.EqualTo(SandboxFailureKind.InstallFailed));
        Assert.That(result.Install.Status, Is.EqualTo(SandboxStageStatus.Failed));
        Assert.That(result.Install.ExitCode, Is.Not.Null.And.Not.Zero);
        Assert.That(result.FailureExcerpt, Does.Contain(missing));
        Assert.That(result.Start.Status, Is.EqualTo(SandboxStageStatus.NotRun));
    }

    [Test]
    public async Task Syntax_error_in_App_jsx_is_a_start_failure_naming_the_file_and_the_fix_is_served_by_a_fresh_server()
    {
        var workspace = SandboxFixture.NewWorkspace("syntax-error");
        TestSites.WriteReactSite(workspace);
        TestSites.Write(workspace, "src/App.jsx", "export default function App() {\n  return <h1>Broken</h1\n}\n");
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var broken = await session.EnsureRunningAsync();

        Assert.That(broken.Failure, Is.EqualTo(SandboxFailureKind.StartFailed));
        Assert.That(broken.IsRunning, Is.False);
        Assert.That(broken.FailureExcerpt, Does.Contain("/src/App.jsx").And.Contain("HTTP 500"));
        Assert.That(broken.FailureExcerpt, Does.Contain("src/App.jsx:3"), "the compiler's message with the line is passed on");
        Assert.That(broken.ServerProcessId, Is.Not.Null, "the server stays up until the next check");

        TestSites.WriteApp(workspace, "Fixed");
        var fixedResult = await session.EnsureRunningAsync();

        Assert.That(fixedResult.IsRunning, Is.True, fixedResult.FailureExcerpt);
        Assert.That(fixedResult.ServerProcessId, Is.Not.EqualTo(broken.ServerProcessId), "a server that reported an error would replay it to the next page");
        Assert.That(fixedResult.Start.Status, Is.EqualTo(SandboxStageStatus.Succeeded));
        Assert.That(fixedResult.Start.Detail, Does.Contain("answered an error to the last check"));
        Assert.That(HostProcesses.LiveInGroups([broken.ServerProcessId!.Value]), Is.Empty, "the old server was reaped");
    }

    [Test]
    public async Task Import_of_a_missing_module_is_a_start_failure()
    {
        var workspace = SandboxFixture.NewWorkspace("missing-import");
        TestSites.WriteReactSite(workspace);
        TestSites.Write(workspace, "src/App.jsx", "import Header from './components/Header.jsx'\nexport default function App() { return <Header /> }\n");
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var result = await session.EnsureRunningAsync();

        Assert.That(result.Failure, Is.EqualTo(SandboxFailureKind.StartFailed));
        Assert.That(result.FailureExcerpt, Does.Contain("Header.jsx"));
    }

    [Test]
    public async Task Dev_script_that_exits_at_once_is_a_start_failure_with_its_exit_code_and_output()
    {
        var workspace = SandboxFixture.NewWorkspace("exits");
        TestSites.WritePackageJson(workspace, new Dictionary<string, string> { ["dev"] = "node exit.js" });
        TestSites.Write(workspace, "exit.js", "console.error('cannot start: missing config file site.config.json');\nprocess.exit(3);\n");
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options(template: false));
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var result = await session.EnsureRunningAsync();

        Assert.That(result.Failure, Is.EqualTo(SandboxFailureKind.StartFailed));
        Assert.That(result.Start.Status, Is.EqualTo(SandboxStageStatus.Failed));
        Assert.That(result.Start.ExitCode, Is.EqualTo(3));
        Assert.That(result.FailureExcerpt, Does.Contain("missing config file site.config.json"));
        Assert.That(HostProcesses.LiveUnder(workspace), Is.Empty);
    }

    [Test]
    public async Task A_module_answered_with_503_or_504_while_the_server_is_busy_is_fetched_again_not_reported_as_broken()
    {
        var workspace = SandboxFixture.NewWorkspace("busy-server");
        TestSites.WritePackageJson(workspace, new Dictionary<string, string> { ["dev"] = "node busy.js" });
        // Like Vite re-optimising dependencies: the page's module is unavailable (503, then 504) for a moment.
        TestSites.Write(workspace, "busy.js", """
            import http from 'node:http';
            let moduleRequests = 0;
            http.createServer((req, res) => {
              if (req.url === '/main.js') {
                moduleRequests++;
                if (moduleRequests <= 2) { res.writeHead(moduleRequests === 1 ? 503 : 504); res.end(); return; }
                res.writeHead(200, { 'Content-Type': 'text/javascript' }); res.end('document.body.append("ready");'); return;
              }
              res.writeHead(200, { 'Content-Type': 'text/html' });
              res.end('<!doctype html><html><body><script type="module" src="/main.js"></script></body></html>');
            }).listen(Number(process.env.PORT), process.env.HOST || '127.0.0.1');
            """);
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options(template: false));
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var result = await session.EnsureRunningAsync();

        Assert.That(result.IsRunning, Is.True, result.FailureExcerpt);
        Assert.That(result.Failure, Is.EqualTo(SandboxFailureKind.None));
    }

    [Test]
    public async Task Server_that_never_listens_is_not_ready_in_time_and_is_stopped()
    {
        var workspace = SandboxFixture.NewWorkspace("never-listens");
        TestSites.WritePackageJson(workspace, new Dictionary<string, string> { ["dev"] = "node idle.js" });
        TestSites.Write(workspace, "idle.js", "console.log('warming up forever');\nsetInterval(() => {}, 1000);\n");
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options(o => o.StartTimeout = TimeSpan.FromSeconds(8), template: false));
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var result = await session.EnsureRunningAsync();

        Assert.That(result.Failure, Is.EqualTo(SandboxFailureKind.NotReadyInTime));
        Assert.That(result.Start.Status, Is.EqualTo(SandboxStageStatus.TimedOut));
        Assert.That(result.FailureExcerpt, Does.Contain("warming up forever").And.Contain("PORT"));
        Assert.That(HostProcesses.LiveUnder(workspace), Is.Empty, "the server that never answered was stopped");
    }

    [Test]
    public async Task Server_that_dies_between_steps_is_restarted()
    {
        var workspace = SandboxFixture.NewWorkspace("dies");
        TestSites.WriteReactSite(workspace);
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));
        var first = await session.EnsureRunningAsync();
        Assert.That(first.IsRunning, Is.True, first.FailureExcerpt);

        Process.GetProcessById(first.ServerProcessId!.Value).Kill(entireProcessTree: true);
        Assert.That(await HostProcesses.EventuallyAsync(() => HostProcesses.LiveInGroups([first.ServerProcessId.Value]).Count == 0), Is.True);
        var second = await session.EnsureRunningAsync();

        Assert.That(second.IsRunning, Is.True, second.FailureExcerpt);
        Assert.That(second.Start.Status, Is.EqualTo(SandboxStageStatus.Succeeded));
        Assert.That(second.Start.Detail, Does.Contain("died"));
        Assert.That(second.ServerProcessId, Is.Not.EqualTo(first.ServerProcessId));
    }

    [Test]
    public async Task Server_that_crashes_on_every_start_is_reported_as_crashed()
    {
        var workspace = SandboxFixture.NewWorkspace("crashes");
        TestSites.WritePackageJson(workspace, new Dictionary<string, string> { ["start"] = "node server.js" });
        // Serves until a flag file exists, then exits at once on every later start.
        TestSites.Write(workspace, "server.js", """
            import { createServer } from 'node:http';
            import { existsSync } from 'node:fs';
            if (existsSync('crash.flag')) { console.error('fatal: database file is corrupt'); process.exit(7); }
            createServer((req, res) => res.end('<h1>up</h1>')).listen(Number(process.env.PORT), process.env.HOST);
            """);
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options(template: false));
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));
        var first = await session.EnsureRunningAsync();
        Assert.That(first.IsRunning, Is.True, first.FailureExcerpt);

        TestSites.Write(workspace, "crash.flag", "");
        Process.GetProcessById(first.ServerProcessId!.Value).Kill(entireProcessTree: true);
        Assert.That(await HostProcesses.EventuallyAsync(() => HostProcesses.LiveInGroups([first.ServerProcessId.Value]).Count == 0), Is.True);
        var second = await session.EnsureRunningAsync();

        Assert.That(second.Failure, Is.EqualTo(SandboxFailureKind.Crashed));
        Assert.That(second.FailureExcerpt, Does.Contain("had exited").And.Contain("database file is corrupt"));
    }
}
