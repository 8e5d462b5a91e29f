using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace WebGen.Core.Tests.Agent;

public sealed class SecretRedactionTests
{
    private const string Key = "sk-webgen-secret-5f2e9c01d7";

    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void The_redactor_replaces_every_value_and_its_url_form_and_ignores_short_ones()
    {
        var redactor = new SecretRedactor([Key, "a+b/c=d?e", "short", null, ""]);

        Assert.That(redactor.Redact($"key={Key}; again {Key}"), Is.EqualTo("key=[REDACTED]; again [REDACTED]"));
        Assert.That(redactor.Redact("q=a%2Bb%2Fc%3Dd%3Fe&x=a+b/c=d?e"), Is.EqualTo("q=[REDACTED]&x=[REDACTED]"));
        Assert.That(redactor.Redact("a short text"), Is.EqualTo("a short text"));
        Assert.That(SecretRedactor.None.IsEmpty, Is.True);
    }

    [Test]
    public async Task A_key_echoed_by_a_shell_action_and_the_site_reaches_neither_the_model_nor_the_disk()
    {
        // The model got hold of the key and makes the sandbox print it; the site shows it too.
        var sandbox = new FakeSandbox(
            (_, _) => Task.FromResult(FakeSandbox.Failed(SandboxFailureKind.StartFailed, $"Error: bad token {Key} at server.js:1")),
            (_, command) => new ShellCommandResult { Command = command, ExitCode = 0, Output = "env: WEBGEN_CODE_API_KEY=" + Key });
        var world = new ScriptedWorld();
        var components = new WebGenComponents { Sandbox = sandbox, PageCapturer = world.Capturer, ScreenshotJudge = world.Judge, GuiTester = world.GuiTester };
        var answer = $"<boltArtifact id=\"a\" title=\"A\"><boltAction type=\"file\" filePath=\"src/config.js\">export const key = '{Key}';</boltAction><boltAction type=\"shell\">node -e \"console.log('{Key}')\"</boltAction></boltArtifact>";
        var model = FakeChatClient.Scripted(answer, ScriptedWorld.Finish);
        var options = new WebGenAgentOptions { SecretValues = [Key] };
        var agent = new WebGenAgent(model, components, options);
        var runDirectory = _temp.Combine("runs", "secret");

        var events = new List<string>();
        await foreach (var e in agent.RunStreamingAsync(new WebGenRequest { Instruction = $"Build a dashboard; the API key is {Key}", RunDirectory = runDirectory }))
        {
            events.Add(JsonSerializer.Serialize(e));
        }

        var report = await HtmlRunReport.WriteAsync(runDirectory);

        Assert.That(model.Calls[1].Select(m => m.Text), Has.None.Contains(Key), "the model never sees the key again");
        Assert.That(model.Calls[1][^1].Text, Does.Contain("Error: bad token [REDACTED] at server.js:1"), "the feedback still says what happened");
        Assert.That(events, Has.None.Contains(Key));
        Assert.That(events, Has.Some.Contains("WEBGEN_CODE_API_KEY=[REDACTED]"), "the shell output is kept, redacted");
        foreach (var file in Directory.EnumerateFiles(runDirectory, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/workspace/", StringComparison.Ordinal)))
        {
            Assert.That(await File.ReadAllTextAsync(file), Does.Not.Contain(Key), file);
        }

        Assert.That(await File.ReadAllTextAsync(report), Does.Contain(SecretRedactor.Replacement));
    }

    [Test]
    public async Task Dependency_injection_registers_the_redactor_for_the_configured_values()
    {
        var services = new ServiceCollection();
        services.AddWebGenAgent(o => o.SecretValues.Add(Key))
            .UseSandbox(FakeSandbox.AlwaysRunning())
            .UsePageCapturer(new FakePageCapturer())
            .UseScreenshotJudge(new FakeScreenshotJudge(_ => new ScreenshotJudgement { Grade = 4 }))
            .UseGuiTester(new FakeGuiTester(_ => new GuiTestResult { Grade = 4 }))
            .UseCodeModel(new FakeChatClient(_ => ScriptedWorld.Finish));
        await using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<ISecretRedactor>().Redact(Key), Is.EqualTo(SecretRedactor.Replacement));
        Assert.That(provider.GetRequiredService<WebGenEnvironment>().SecretRedactor.Redact("x" + Key), Is.EqualTo("x[REDACTED]"));
    }
}
