using WebGen.Sandbox.Install;
using WebGen.Sandbox.Start;

namespace WebGen.Sandbox.Tests.Start;

public sealed class StartPlanTests
{
    private static readonly Dictionary<string, string> Environment = new() { ["PATH"] = "/usr/bin" };

    [TestCase("""{ "dev": "vite", "start": "node server.js" }""", "dev")]
    [TestCase("""{ "start": "node server.js", "serve": "vite preview" }""", "start")]
    [TestCase("""{ "build": "vite build", "serve": "vite preview" }""", "serve")]
    public void Scripts_are_chosen_like_the_reference(string scripts, string expected)
    {
        var plan = Plan(scripts, withVite: false);

        Assert.That(plan.Script, Is.EqualTo(expected));
        Assert.That(plan.BuildScript, expected == "serve" ? Is.EqualTo("build") : Is.Null);
    }

    [Test]
    public void A_plain_vite_script_runs_vite_directly_on_the_sandbox_port()
    {
        var plan = Plan("""{ "dev": "vite --host 0.0.0.0 --port 3000 --open --mode staging" }""", withVite: true);

        var info = plan.ServerInfo("/w", Environment, 42123);

        Assert.That(info.Program, Is.EqualTo("node"));
        Assert.That(info.Arguments, Is.EqualTo(new[] { "node_modules/vite/bin/vite.js", "--mode", "staging", "--host", "127.0.0.1", "--port", "42123", "--strictPort" }));
        Assert.That(info.Environment["PORT"], Is.EqualTo("42123"));
    }

    [TestCase("vite build && vite preview")]
    [TestCase("concurrently \"vite\" \"node api.js\"")]
    [TestCase("next dev")]
    public void Any_other_script_runs_through_npm_with_PORT_and_HOST(string script)
    {
        var plan = Plan($$"""{ "dev": {{System.Text.Json.JsonSerializer.Serialize(script)}} }""", withVite: true);

        var info = plan.ServerInfo("/w", Environment, 42124);

        Assert.That(info.Program, Is.EqualTo("npm"));
        Assert.That(info.Arguments, Is.EqualTo(new[] { "run", "dev" }));
        Assert.That(info.Environment["PORT"], Is.EqualTo("42124"));
        Assert.That(info.Environment["HOST"], Is.EqualTo("127.0.0.1"));
    }

    private static StartPlan Plan(string scripts, bool withVite)
    {
        var workspace = SandboxFixture.NewWorkspace("plan");
        TestSites.Write(workspace, "package.json", $$"""{ "scripts": {{scripts}} }""");
        if (withVite)
        {
            TestSites.Write(workspace, "node_modules/vite/bin/vite.js", "");
        }

        return StartPlan.Choose(ProjectManifest.TryRead(workspace, out _)!, workspace, out _)!;
    }
}
