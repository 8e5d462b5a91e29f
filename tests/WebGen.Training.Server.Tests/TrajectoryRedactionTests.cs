using System.Text.Json;
using WebGen.Testing;

namespace WebGen.Training.Server.Tests;

/// <summary>Exported trajectories are built from redacted step records, so a secret never reaches a training file.</summary>
public sealed class TrajectoryRedactionTests
{
    [TestCase(".jsonl")]
    [TestCase(".parquet")]
    public async Task A_secret_echoed_during_rollouts_is_absent_from_exported_trajectories(string extension)
    {
        const string secret = "sk-rollout-secret-93c0ab57e2";
        var world = new World();
        var root = Path.Combine(Path.GetTempPath(), "webgen-server-tests", Guid.NewGuid().ToString("N")[..12]);
        var components = new WebGenComponents { Sandbox = world.Sandbox, PageCapturer = world.Capturer, ScreenshotJudge = world.Judge, GuiTester = world.GuiTester };
        var answers = new[] { World.Code("leak:" + secret), World.Code(4), World.Finish };
        var agent = new WebGenAgent(
            new FakeChatClient(messages => answers[messages.Count(m => m.Role == Microsoft.Extensions.AI.ChatRole.Assistant)]),
            components,
            new WebGenAgentOptions { RunsDirectory = Path.Combine(root, "runs"), SecretValues = [secret] });
        var runner = new RolloutGroupRunner(agent, options: new RolloutOptions { GroupSize = 2, MaxSteps = 3 });
        var path = Path.Combine(root, "trajectories" + extension);

        var group = await runner.RunAsync(new RolloutRequest { PromptId = "p", Instruction = $"A site that uses the key {secret}" });
        await TrajectoryFile.WriteAsync(path, group.Trajectories);
        var readBack = new List<Trajectory>();
        await foreach (var trajectory in TrajectoryFile.ReadAsync(path))
        {
            readBack.Add(trajectory);
        }

        Assert.That(group.Failures, Is.Empty);
        Assert.That(readBack, Has.Count.EqualTo(2));
        var text = JsonSerializer.Serialize(readBack);
        Assert.That(text, Does.Not.Contain(secret));
        Assert.That(text, Does.Contain("the site printed [REDACTED]"), "the feedback about the leak is kept, redacted");
        Directory.Delete(root, recursive: true);
    }
}
