using WebGen.Testing;

namespace WebGen.Core.Tests.Agent;

public sealed class StepStreamingTests
{
    [Test]
    public async Task A_reader_that_stops_early_cancels_the_step_and_waits_for_it()
    {
        using var temp = new TempDirectory();
        var world = new ScriptedWorld();
        var judge = new BlockingJudge();
        var environment = new WebGenEnvironment(new WebGenComponents { Sandbox = world.Sandbox, PageCapturer = world.Capturer, ScreenshotJudge = judge, GuiTester = world.GuiTester, StepSelector = new ReferenceStepSelector() }, new WebGenAgentOptions { RunsDirectory = temp.Combine("runs") });
        await using var episode = await environment.StartEpisodeAsync(new WebGenRequest { Instruction = "A page" });

        await foreach (var e in episode.StepStreamingAsync(ScriptedWorld.Code(4)))
        {
            // The step has reached the judge, which only returns when cancelled; stop reading.
            await judge.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
            break;
        }

        Assert.That(judge.Cancelled, Is.True, "leaving the enumeration cancelled the step and returned only once it had stopped");
        Assert.That(episode.Steps, Is.Empty, "a cancelled step is not recorded");

        judge.Release = true;
        var record = await episode.StepAsync(ScriptedWorld.Code(3));
        Assert.That(record.Node.Step, Is.EqualTo(1));
        Assert.That(record.Node.ScreenshotGrade, Is.EqualTo(3), "the episode goes on after an abandoned step");
    }

    private sealed class BlockingJudge : IScreenshotJudge
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public volatile bool Cancelled;

        public volatile bool Release;

        public async Task<ScreenshotJudgement> JudgeAsync(ScreenshotJudgeRequest request, CancellationToken cancellationToken = default)
        {
            if (!Release)
            {
                Entered.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    Cancelled = true;
                    throw;
                }
            }

            return new ScreenshotJudgement { Grade = 3, Description = "a page", GradeReason = "scripted" };
        }
    }
}
