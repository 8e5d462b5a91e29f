namespace WebGen.Sandbox.Tests.Isolation;

/// <summary>
/// Hostile model output against the bubblewrap boundary: each attack leaves a marker that must stay absent (or a
/// host listener that must stay silent). Each has a control with <see cref="SandboxIsolation.None"/> that shows
/// the attack works without the boundary, so the check itself can fail.
/// </summary>
public sealed class ContainmentTests
{
    [Test]
    public async Task A_shell_action_cannot_read_the_environment_of_host_processes_through_proc()
    {
        var secret = $"sk-host-{Guid.NewGuid():N}";
        using var host = Hostile.HostProcessWithSecret(secret);
        try
        {
            var contained = await ShellAsync(SandboxIsolation.Auto, Hostile.Node(Hostile.ScanEnvironments(secret)));
            var open = await ShellAsync(SandboxIsolation.None, Hostile.Node(Hostile.ScanEnvironments(secret)));

            Assert.That(contained.Output, Does.Contain("CLEAN").And.Not.Contain("FOUND"), contained.Output);
            Assert.That(ProcessCount(contained.Output), Is.LessThanOrEqualTo(3), "only the sandbox's own processes are visible in its /proc");
            Assert.That(contained.Containment, Is.EqualTo(SandboxContainment.OperatingSystem));
            Assert.That(open.Output, Does.Contain("FOUND"), "control: without the boundary the host's environment is readable");
            Assert.That(open.Containment, Is.EqualTo(SandboxContainment.None));
        }
        finally
        {
            host.Kill();
        }
    }

    [Test]
    public async Task A_shell_action_cannot_write_home_tmp_or_a_sibling_episode()
    {
        var sibling = SandboxFixture.NewWorkspace("sibling");
        var markers = Hostile.HostMarkers(sibling);
        try
        {
            var result = await ShellAsync(SandboxIsolation.Auto, Hostile.Node(Hostile.WriteEach(markers)));

            // A write to /tmp lands in the sandbox's private /tmp; none reaches the host.
            Assert.That(markers.Where(File.Exists), Is.Empty, result.Output);

            var control = await ShellAsync(SandboxIsolation.None, Hostile.Node(Hostile.WriteEach(markers)));
            Assert.That(markers.Where(File.Exists), Is.EquivalentTo(markers), $"control: without the boundary every write lands\n{control.Output}");
        }
        finally
        {
            Hostile.Delete(markers);
        }
    }

    [Test]
    public async Task The_host_filesystem_is_invisible_except_the_system_and_the_workspace()
    {
        var secretFile = Path.Combine(SandboxFixture.Root, $"host-secret-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(secretFile, "host secret");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var script = string.Join(";", new[] { home, "/tmp", "/home", "/root", secretFile, "/usr/bin", "/etc/passwd", "/etc/shadow", "/proc/1/cmdline" }
            .Select(p => $"console.log('{p} '+(require('fs').existsSync('{p}')?'VISIBLE':'HIDDEN'))"))
            + ";console.log('HOME '+require('os').homedir());console.log('TMPDIR '+require('os').tmpdir());fs=require('fs');fs.writeFileSync('/tmp/x','ok');console.log('TMPWRITE '+fs.readFileSync('/tmp/x'))";

        var result = await ShellAsync(SandboxIsolation.Auto, Hostile.Node(script));

        Assert.That(result.Output, Does.Contain($"{secretFile} HIDDEN"));
        Assert.That(result.Output, Does.Contain("/etc/shadow HIDDEN"));
        Assert.That(result.Output, Does.Contain("/usr/bin VISIBLE").And.Contain("/etc/passwd VISIBLE"), "a read-only system stays usable");
        Assert.That(result.Output, Does.Contain("HOME /tmp/home").And.Contain("TMPDIR /tmp").And.Contain("TMPWRITE ok"), "HOME and TMPDIR are private and writable");
        if (home != "/tmp/home")
        {
            Assert.That(result.Output, Does.Contain($"{home} HIDDEN"));
        }
    }

    [Test]
    public async Task The_system_is_read_only_inside()
    {
        var result = await ShellAsync(SandboxIsolation.Auto, Hostile.Node(Hostile.WriteEach(["/usr/webgen-marker", "/etc/webgen-marker", "/webgen-marker"])));

        Assert.That(result.Output, Does.Not.Contain("WROTE"));
        Assert.That(File.Exists("/usr/webgen-marker") || File.Exists("/etc/webgen-marker"), Is.False);
    }

    [Test]
    public async Task A_shell_action_reaches_no_network_not_even_the_hosts_loopback()
    {
        using var listener = new Hostile.Listener();
        var script = $"fetch('http://127.0.0.1:{listener.Port}/shell').then(()=>console.log('REACHED'),e=>console.log('BLOCKED '+(e.cause&&e.cause.code)))";

        var result = await ShellAsync(SandboxIsolation.Auto, Hostile.Node(script));

        Assert.That(result.Output, Does.Contain("BLOCKED"));
        Assert.That(listener.Accepted, Is.Zero);

        await ShellAsync(SandboxIsolation.None, Hostile.Node(script));
        Assert.That(await HostProcesses.EventuallyAsync(() => listener.Accepted > 0), Is.True, "control: without the boundary the host's loopback is reachable");
    }

    [Test]
    public async Task An_install_reaches_the_registry_and_nothing_else()
    {
        using var listener = new Hostile.Listener();
        var workspace = SandboxFixture.NewWorkspace("egress");
        TestSites.WritePackageJson(workspace, new Dictionary<string, string> { ["dev"] = "vite" },
            new Dictionary<string, string> { ["react"] = "19.3.1", ["exfiltrate"] = $"http://127.0.0.1:{listener.Port}/exfiltrate.tgz" });
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options(template: false));
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var result = await session.EnsureRunningAsync();

        Assert.That(result.Failure, Is.EqualTo(SandboxFailureKind.InstallFailed), result.FailureExcerpt);
        Assert.That(result.Install.Output, Does.Contain("403"), "the registry-only proxy refused the host's loopback");
        Assert.That(listener.Accepted, Is.Zero);

        // The same project without the stray dependency installs from the registry through the same proxy.
        TestSites.WritePackageJson(workspace, new Dictionary<string, string> { ["start"] = "node -e \"require('react');require('node:http').createServer((q,s)=>s.end('ok')).listen(process.env.PORT,process.env.HOST)\"" },
            new Dictionary<string, string> { ["react"] = "19.3.1" });
        var fixedResult = await session.EnsureRunningAsync();
        Assert.That(fixedResult.IsRunning, Is.True, fixedResult.FailureExcerpt);

        // Control: without the boundary npm fetches from the host's loopback.
        var open = SandboxFixture.NewWorkspace("egress-open");
        TestSites.WritePackageJson(open, new Dictionary<string, string> { ["dev"] = "vite" },
            new Dictionary<string, string> { ["exfiltrate"] = $"http://127.0.0.1:{listener.Port}/exfiltrate.tgz" });
        await using var unisolated = new LocalNodeSandbox(SandboxFixture.Options(o => o.Isolation = SandboxIsolation.None, template: false));
        await using var openSession = await unisolated.OpenSessionAsync(SandboxFixture.Request(open));
        await openSession.EnsureRunningAsync();
        Assert.That(listener.Accepted, Is.GreaterThan(0));
    }

    [Test]
    public async Task A_detached_daemon_started_by_a_shell_action_dies_with_it()
    {
        var tag = Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var script = $"const c=require('child_process').spawn('sleep',['{tag}'],{{detached:true,stdio:'ignore'}});c.unref();console.log('DAEMON '+c.pid)";

        var result = await ShellAsync(SandboxIsolation.Auto, Hostile.Node(script));

        Assert.That(result.Output, Does.Contain("DAEMON"));
        Assert.That(await HostProcesses.EventuallyAsync(() => !SleepRunning(tag), TimeSpan.FromSeconds(5)), Is.True, "the pid namespace ends with the command");
    }

    [Test]
    public async Task Config_time_code_and_dev_script_code_run_contained_while_the_site_still_works()
    {
        var workspace = SandboxFixture.NewWorkspace("config-attack");
        var sibling = SandboxFixture.NewWorkspace("config-sibling");
        var markers = Hostile.HostMarkers(sibling);
        var scriptMarkers = Hostile.HostMarkers(sibling);
        var tag = Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var listener = new Hostile.Listener();
        TestSites.WriteReactSite(workspace, "Contained site", scripts: new Dictionary<string, string>
        {
            ["dev"] = $"{Hostile.Node(Hostile.WriteEach(scriptMarkers))} && vite --host 127.0.0.1 --port $PORT --strictPort",
        });
        TestSites.Write(workspace, "vite.config.js", $$"""
            import { defineConfig } from 'vite'
            import react from '@vitejs/plugin-react'
            import fs from 'node:fs'
            import { spawn } from 'node:child_process'

            {{Hostile.WriteEach(markers, "fs")}};
            spawn('sleep', ['{{tag}}'], { detached: true, stdio: 'ignore' }).unref();
            fetch('http://127.0.0.1:{{listener.Port}}/config').catch(() => {});

            export default defineConfig({ plugins: [react()] })
            """);
        try
        {
            await using (var sandbox = new LocalNodeSandbox(SandboxFixture.Options()))
            await using (var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace)))
            {
                var result = await session.EnsureRunningAsync();

                Assert.That(result.IsRunning, Is.True, result.FailureExcerpt);
                Assert.That(result.Containment, Is.EqualTo(SandboxContainment.OperatingSystem));
                using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
                Assert.That(await http.GetStringAsync(new Uri(result.Url!, "/src/App.jsx")), Does.Contain("Contained site"), "the site is served through the bridge");
                Assert.That(SleepRunning(tag), Is.True, "the config's daemon runs, inside the sandbox");
            }

            Assert.That(markers.Concat(scriptMarkers).Where(File.Exists), Is.Empty);
            Assert.That(listener.Accepted, Is.Zero, "config code reached the host's loopback");
            Assert.That(await HostProcesses.EventuallyAsync(() => !SleepRunning(tag), TimeSpan.FromSeconds(5)), Is.True, "the daemon outlived the session");
        }
        finally
        {
            Hostile.Delete(markers.Concat(scriptMarkers));
        }
    }

    [Test]
    public async Task The_shared_node_modules_template_cannot_be_written_through_a_seeded_workspace()
    {
        Assume.That(WebGen.Sandbox.Install.NodeModulesSeeder.CanSeal, Is.True, "sealing needs root; without it the template is copied");
        var workspace = SandboxFixture.NewWorkspace("template-attack");
        TestSites.WriteReactSite(workspace);
        var templateFile = Path.Combine(SandboxFixture.TemplatePath, "node_modules", "react", "package.json");
        var before = await File.ReadAllTextAsync(templateFile);
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));
        var run = await session.EnsureRunningAsync();
        Assert.That(run.IsRunning, Is.True, run.FailureExcerpt);
        Assert.That(LinkCount(Path.Combine(workspace, "node_modules", "react", "package.json")), Is.GreaterThan(1), "seeded by hard link, the fast path");

        var attack = await session.RunShellAsync(Hostile.Node(
            "const fs=require('fs');const f='node_modules/react/package.json';" +
            "try{fs.appendFileSync(f,'pwned');console.log('WROTE')}catch(e){console.log('WRITE '+e.code)}" +
            "try{fs.chmodSync(f,0o666);console.log('CHMODDED')}catch(e){console.log('CHMOD '+e.code)}"));

        Assert.That(attack.Output, Does.Contain("WRITE EACCES").And.Contain("CHMOD EPERM"));
        Assert.That(await File.ReadAllTextAsync(templateFile), Is.EqualTo(before));
    }

    [Test]
    public async Task A_hard_link_to_a_host_file_cannot_be_made_from_inside()
    {
        var hostFile = Path.Combine(SandboxFixture.Root, $"host-file-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(hostFile, "original");
        var script = $"try{{require('fs').linkSync('{hostFile}','stolen');require('fs').writeFileSync('stolen','pwned');console.log('LINKED')}}catch(e){{console.log('DENIED '+e.code)}}";

        var result = await ShellAsync(SandboxIsolation.Auto, Hostile.Node(script));

        Assert.That(result.Output, Does.Contain("DENIED"));
        Assert.That(await File.ReadAllTextAsync(hostFile), Is.EqualTo("original"));
    }

    private static async Task<ShellCommandResult> ShellAsync(SandboxIsolation isolation, string command, Action<LocalSandboxOptions>? configure = null)
    {
        var workspace = SandboxFixture.NewWorkspace("hostile");
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options(o =>
        {
            o.Isolation = isolation;
            configure?.Invoke(o);
        }, template: false));
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));
        return await session.RunShellAsync(command);
    }

    private static int LinkCount(string path)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%h", path]) { RedirectStandardOutput = true })!;
        var count = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return int.Parse(count, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int ProcessCount(string output) =>
        int.Parse(output.Split('\n').Single(l => l.StartsWith("PROCESSES ", StringComparison.Ordinal))["PROCESSES ".Length..], System.Globalization.CultureInfo.InvariantCulture);

    private static bool SleepRunning(string tag) =>
        HostProcesses.Snapshot().Any(p => p.State != 'Z' && p.CommandLine == $"sleep {tag}");
}
