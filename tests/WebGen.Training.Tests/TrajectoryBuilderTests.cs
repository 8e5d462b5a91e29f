using Microsoft.Extensions.AI;

namespace WebGen.Training.Tests;

public sealed class TrajectoryBuilderTests
{
    [Test]
    public void Messages_are_system_prompt_instruction_then_each_output_and_its_feedback()
    {
        var result = Steps.Result("run-1", Steps.Code(1, null, 4), Steps.Validate(2, 1, 3), Steps.Finish(3, 2)) with
        {
            Usage = new UsageDetails { InputTokenCount = 1200, OutputTokenCount = 300 },
            Backtracks = 1,
        };

        var trajectory = TrajectoryBuilder.BuildGroup("task-7", [result], StepGrpoRewardAdapter.Reference)[0];

        Assert.That(trajectory.Messages.Select(m => m.Role), Is.EqualTo(new[]
        {
            TrajectoryRole.System, TrajectoryRole.User,
            TrajectoryRole.Assistant, TrajectoryRole.User,
            TrajectoryRole.Assistant, TrajectoryRole.User,
            TrajectoryRole.Assistant,
        }));
        Assert.That(trajectory.Messages[0].Content, Is.EqualTo(result.SystemPrompt));
        Assert.That(trajectory.Messages[1].Content, Is.EqualTo(result.Instruction));
        Assert.That(trajectory.Messages[2].Content, Is.EqualTo(result.Steps[0].ModelOutput));
        Assert.That(trajectory.Messages[3].Content, Is.EqualTo("feedback after step 1"));
        Assert.That(trajectory.Messages.Where(m => m.Role == TrajectoryRole.Assistant).Select(m => m.Reward), Is.EqualTo(new double?[] { 7, 7, 7 }));
        Assert.That(trajectory.Messages.Where(m => m.Role != TrajectoryRole.Assistant).Select(m => m.Reward), Is.All.Null);
        Assert.That(trajectory.Messages.Where(m => m.Role == TrajectoryRole.Assistant).Select(m => m.Advantage), Is.All.EqualTo(7 / (1 + GroupAdvantages.Epsilon)).Within(1e-12));
        Assert.That(trajectory.PromptId, Is.EqualTo("task-7"));
        Assert.That(trajectory.Steps.Select(s => s.InheritedFromStep), Is.EqualTo(new int?[] { null, 1, 1 }));
        Assert.That(trajectory.Metadata.IsLinear, Is.True);
        Assert.That(trajectory.Metadata.InputTokens, Is.EqualTo(1200));
        Assert.That(trajectory.Metadata.Backtracks, Is.EqualTo(1));
        Assert.That(trajectory.Metadata.RewardAdapter, Is.EqualTo("step-grpo(screenshot+gui)"));
    }

    [Test]
    public void A_continued_project_opens_with_the_message_the_model_saw_instruction_and_files()
    {
        const string opening = "Make the greeting louder\n\nProject files (1):\n- src/app.js (40 B)\n\n--- src/app.js ---\nexport const greeting = 'hello';\n";
        var result = Steps.Result("run-continued", Steps.Code(1, null, 4)) with { Instruction = "Make the greeting louder", OpeningMessage = opening };

        var trajectory = TrajectoryBuilder.BuildGroup("task", [result], StepGrpoRewardAdapter.Reference)[0];

        Assert.That(trajectory.Messages[1].Role, Is.EqualTo(TrajectoryRole.User));
        Assert.That(trajectory.Messages[1].Content, Is.EqualTo(opening));
    }

    [Test]
    public void A_backtracked_run_is_marked_not_linear()
    {
        var result = Steps.Result("run-2", Steps.Code(1, null, 4), Steps.Code(2, 1, 1), Steps.Code(3, 1, 3));

        var trajectory = TrajectoryBuilder.BuildGroup("task", [result], StepGrpoRewardAdapter.Reference)[0];

        Assert.That(trajectory.Metadata.IsLinear, Is.False);
        Assert.That(trajectory.Steps.Select(s => s.Parent), Is.EqualTo(new int?[] { null, 1, 1 }));
    }

    [Test]
    public void Empty_system_prompt_and_feedback_are_left_out()
    {
        var result = Steps.Result("run-3", Steps.Finish(1, null)) with { SystemPrompt = "" };

        var trajectory = TrajectoryBuilder.BuildGroup("task", [result], StepGrpoRewardAdapter.Reference)[0];

        Assert.That(trajectory.Messages.Select(m => m.Role), Is.EqualTo(new[] { TrajectoryRole.User, TrajectoryRole.Assistant }));
    }

    [Test]
    public void Rewards_out_of_step_order_are_rejected()
    {
        var result = Steps.Result("run-4", Steps.Code(1, null, 4), Steps.Code(2, 1, 1));
        StepReward[] rewards = [new() { Step = 2, Value = 1, Reason = "x" }, new() { Step = 1, Value = 4, Reason = "y" }];

        Assert.Throws<ArgumentException>(() => TrajectoryBuilder.Build("task", 0, result, rewards, [0.0, 0.0]));
    }
}
