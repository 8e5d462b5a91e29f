namespace WebGen.Sandbox.Tests.Sessions;

/// <summary>
/// A server that finds its port in use once (as Vite does when something held the port a moment, or when it races
/// its own restart) is started again on another port instead of failing the step: the site is not at fault.
/// </summary>
public sealed class PortClashTests
{
    [Test]
    public async Task A_server_that_finds_its_port_in_use_once_is_started_again()
    {
        var workspace = SandboxFixture.NewWorkspace("port-clash");
        TestSites.WritePackageJson(workspace, new Dictionary<string, string> { ["dev"] = "node server.js" });
        TestSites.Write(workspace, "server.js", """
            import { existsSync, writeFileSync } from 'node:fs';
            import { createServer } from 'node:http';
            if (!existsSync('first-start.txt')) {
              writeFileSync('first-start.txt', process.env.PORT);
              console.error(`error when starting dev server:\nError: Port ${process.env.PORT} is already in use`);
              process.exit(1);
            }
            createServer((q, s) => s.end('<h1>second start</h1>')).listen(Number(process.env.PORT), process.env.HOST);
            """);
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var result = await session.EnsureRunningAsync();

        Assert.That(result.IsRunning, Is.True, result.FailureExcerpt);
        var firstPort = File.ReadAllText(Path.Combine(workspace, "first-start.txt"));
        Assert.That(result.Start.Detail, Does.Contain($"the server found port {firstPort} in use"));
        Assert.That(result.Url!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), Is.Not.EqualTo(firstPort), "the second start uses another port");
        using var http = new HttpClient();
        Assert.That(await http.GetStringAsync(result.Url), Does.Contain("second start"));
    }

    [Test]
    public async Task A_server_that_always_finds_its_port_in_use_fails_after_three_starts_with_its_output()
    {
        var workspace = SandboxFixture.NewWorkspace("port-clash-always");
        TestSites.WritePackageJson(workspace, new Dictionary<string, string> { ["dev"] = "node server.js" });
        TestSites.Write(workspace, "server.js", """
            import { appendFileSync } from 'node:fs';
            appendFileSync('starts.txt', 'x');
            console.error(`Error: listen EADDRINUSE: address already in use 127.0.0.1:${process.env.PORT}`);
            process.exit(1);
            """);
        await using var sandbox = new LocalNodeSandbox(SandboxFixture.Options());
        await using var session = await sandbox.OpenSessionAsync(SandboxFixture.Request(workspace));

        var result = await session.EnsureRunningAsync();

        Assert.That(result.Failure, Is.EqualTo(SandboxFailureKind.StartFailed));
        Assert.That(result.FailureExcerpt, Does.Contain("EADDRINUSE"));
        Assert.That(File.ReadAllText(Path.Combine(workspace, "starts.txt")), Is.EqualTo("xxx"), "three starts, then the failure is the site's");
    }

    [TestCase("Error: Port 5173 is already in use", 5173, true)]
    [TestCase("Error: listen EADDRINUSE: address already in use 127.0.0.1:4000", 4001, true)]
    [TestCase("Error: Port 5173 is already in use", 4000, false)]
    [TestCase("SyntaxError: Unexpected token", 4000, false)]
    public void Port_in_use_is_read_from_the_server_output(string output, int port, bool expected) =>
        Assert.That(WebGen.Sandbox.Sessions.LocalNodeSandboxSession.ReportsPortInUse(output, port), Is.EqualTo(expected));
}
