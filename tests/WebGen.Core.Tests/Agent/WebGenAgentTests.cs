using Microsoft.Extensions.AI;
using WebGen.Testing;

namespace WebGen.Core.Tests.Agent;

public sealed class WebGenAgentTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task Code_validate_finish_ends_with_the_validated_site_chosen()
    {
        var world = new ScriptedWorld();
        var model = FakeChatClient.Scripted(ScriptedWorld.Code(4, gui: 5), ScriptedWorld.Validate, ScriptedWorld.Finish);

        var result = await world.Agent(model, _temp).RunAsync("Build a todo app");

        Assert.That(result.StopReason, Is.EqualTo(WebGenStopReason.Finished));
        Assert.That(result.Steps.Select(s => s.Node.Kind), Is.EqualTo(new[] { StepKind.Code, StepKind.Validate, StepKind.Finish }));
        Assert.That(result.Steps[0].Node, Has.Property(nameof(StepNode.ScreenshotGrade)).EqualTo(4).And.Property(nameof(StepNode.HasError)).False);
        Assert.That(result.Steps[1].Node, Has.Property(nameof(StepNode.ScreenshotGrade)).EqualTo(4).And.Property(nameof(StepNode.GuiGrade)).EqualTo(5));
        Assert.That(result.Chosen!.Step, Is.EqualTo(3), "ties on grades go to the latest step");
        Assert.That(result.Files.Single(f => f.Path == "grade.txt").Content, Is.EqualTo("4\n"));
        Assert.That(world.GuiTester.Requests.Single().TestInstruction, Is.EqualTo("Verify the page works."));
        Assert.That(world.Sandbox.Sessions.Single().IsDisposed, Is.True);
        Assert.That(world.Capturer.EndedSessions, Is.EqualTo(new[] { result.RunId }));
        Assert.That(result.Usage.TotalTokenCount ?? 0, Is.GreaterThanOrEqualTo(0));
    }

    [Test]
    public async Task Feedback_reaches_the_model_with_grade_instruction_and_reminder()
    {
        var world = new ScriptedWorld();
        var model = FakeChatClient.Scripted(ScriptedWorld.Code(4), ScriptedWorld.Finish);

        await world.Agent(model, _temp).RunAsync("Build a red bakery site");

        var second = model.Calls[1];
        Assert.That(second.Select(m => m.Role), Is.EqualTo(new[] { ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.User }));
        var feedback = second[3].Text;
        Assert.That(feedback, Does.Contain("Appearance grade: 4/5"));
        Assert.That(feedback, Does.Contain("screenshot_validated"));
        Assert.That(feedback, Does.Contain("Build a red bakery site"));
        Assert.That(feedback, Does.Contain(CodeModelPrompts.FullFileReminder));
    }

    [Test]
    public async Task Backtracks_to_best_node_after_error_limit()
    {
        var world = new ScriptedWorld();
        var model = FakeChatClient.Scripted(
            ScriptedWorld.Code(4), ScriptedWorld.Code(1), ScriptedWorld.Code(2), ScriptedWorld.Code(1), ScriptedWorld.Code(1), ScriptedWorld.Code(1),
            ScriptedWorld.Finish);
        var events = new List<WebGenEvent>();

        await foreach (var e in world.Agent(model, _temp).RunStreamingAsync(new WebGenRequest { Instruction = "site" }))
        {
            events.Add(e);
        }

        var backtrack = events.OfType<BacktrackedEvent>().Single();
        Assert.That(backtrack.ToStep, Is.EqualTo(1));
        Assert.That(backtrack.Step, Is.EqualTo(6), "the backtrack happens after the fifth consecutive error");
        Assert.That(model.Calls[6], Has.Count.EqualTo(4), "the model continues from step 1's history");
        Assert.That(model.Calls[6][2].Text, Is.EqualTo(ScriptedWorld.Code(4)));
        var result = events.OfType<RunCompletedEvent>().Single().Result;
        Assert.That(result.Steps[6].Node.Parent, Is.EqualTo(1));
        Assert.That(result.Backtracks, Is.EqualTo(1));
        Assert.That(result.Files.Single(f => f.Path == "grade.txt").Content, Is.EqualTo("4\n"));
        Assert.That(File.ReadAllText(Path.Combine(result.WorkspacePath, "grade.txt")), Is.EqualTo("4\n"));
    }

    [Test]
    public async Task Error_count_follows_ancestors_not_the_global_order()
    {
        var world = new ScriptedWorld();
        var model = FakeChatClient.Scripted(
            ScriptedWorld.Code(4), ScriptedWorld.Code(1), ScriptedWorld.Code(1), ScriptedWorld.Code(1), ScriptedWorld.Code(1), ScriptedWorld.Code(1),
            ScriptedWorld.Code(1), ScriptedWorld.Code(1), ScriptedWorld.Finish);
        var counts = new List<int>();

        await foreach (var e in world.Agent(model, _temp).RunStreamingAsync(new WebGenRequest { Instruction = "site" }))
        {
            if (e is StepCompletedEvent c)
            {
                counts.Add(c.ErrorCount);
            }
        }

        Assert.That(counts, Is.EqualTo(new[] { 0, 1, 2, 3, 4, 5, 1, 2, 3 }), "after backtracking to step 1 the count restarts from its (clean) branch; finish inherits its parent's error");
    }

    [Test]
    public async Task Starts_over_from_scratch_when_no_valid_node_exists()
    {
        var world = new ScriptedWorld();
        var model = FakeChatClient.Scripted(
            ScriptedWorld.Code(2), ScriptedWorld.Code(1), ScriptedWorld.Code(0), ScriptedWorld.Code(1), ScriptedWorld.Code(2),
            ScriptedWorld.Code(3), ScriptedWorld.Finish);

        var result = await world.Agent(model, _temp).RunAsync("site");

        Assert.That(model.Calls[5].Select(m => m.Role), Is.EqualTo(new[] { ChatRole.System, ChatRole.User }), "the chat restarts from the bare instruction");
        Assert.That(result.Steps[5].Node.Parent, Is.Null);
        Assert.That(world.Sandbox.Sessions.Single().EnsureRunningCalls, Is.EqualTo(6));
        Assert.That(result.Chosen!.Step, Is.EqualTo(7), "the finish step after the only valid step");
        Assert.That(result.Files.Single(f => f.Path == "grade.txt").Content, Is.EqualTo("3\n"));
    }

    [Test]
    public async Task Workspace_is_emptied_when_starting_over()
    {
        var world = new ScriptedWorld();
        var model = FakeChatClient.Scripted(
            ScriptedWorld.Code(1), ScriptedWorld.Code(1), ScriptedWorld.Code(1), ScriptedWorld.Code(1), ScriptedWorld.Code(1), ScriptedWorld.Finish);
        string? workspace = null;

        await foreach (var e in world.Agent(model, _temp).RunStreamingAsync(new WebGenRequest { Instruction = "site" }))
        {
            if (e is RunStartedEvent started)
            {
                workspace = Path.Combine(started.RunDirectory, "workspace");
            }

            if (e is BacktrackedEvent)
            {
                Assert.That(Directory.EnumerateFiles(workspace!, "*", SearchOption.AllDirectories), Is.Empty);
            }
        }
    }

    [Test]
    public async Task Restarts_after_step_exceptions_and_stops_at_the_restart_budget()
    {
        var world = new ScriptedWorld();
        var model = FakeChatClient.Scripted(ScriptedWorld.Code(4), ScriptedWorld.Code("throw"), ScriptedWorld.Code("throw"), ScriptedWorld.Code("throw"));

        var events = new List<WebGenEvent>();
        await foreach (var e in world.Agent(model, _temp, o => o.MaxRestarts = 2).RunStreamingAsync(new WebGenRequest { Instruction = "site" }))
        {
            events.Add(e);
        }

        var result = events.OfType<RunCompletedEvent>().Single().Result;
        Assert.That(result.StopReason, Is.EqualTo(WebGenStopReason.TooManyRestarts));
        Assert.That(result.Restarts, Is.EqualTo(2));
        Assert.That(events.OfType<BacktrackedEvent>().Select(b => b.ToStep), Is.EqualTo(new int?[] { 1, 1 }));
        Assert.That(result.Steps[1].Exception, Does.Contain("simulated sandbox crash"));
        Assert.That(result.Steps[1].Node.HasError, Is.True);
        Assert.That(result.Steps[2].Node.Parent, Is.EqualTo(1), "the restart flag is cleared: the next step continues from the best node");
        Assert.That(result.Chosen!.Step, Is.EqualTo(1));
    }

    [Test]
    public async Task An_unreachable_code_model_ends_the_run_with_a_result_and_no_steps()
    {
        var world = new ScriptedWorld();
        var model = new FakeChatClient((_, _, _) => throw new HttpRequestException("Connection refused (127.0.0.1:1)"));

        var result = await world.Agent(model, _temp, o => o.MaxRestarts = 3).RunAsync("site");

        Assert.That(result.StopReason, Is.EqualTo(WebGenStopReason.TooManyRestarts));
        Assert.That(result.Steps, Is.Empty);
        Assert.That(result.Chosen, Is.Null);
        Assert.That(model.Calls, Has.Count.EqualTo(4));
        var checkpoint = await RunCheckpoint.LoadAsync(result.RunDirectory);
        Assert.That(checkpoint.State.Backtracks.Select(b => b.Reason), Has.All.Contains("Connection refused"));
    }

    [Test]
    public async Task Stops_at_max_iterations_and_request_override_wins()
    {
        var world = new ScriptedWorld();
        var model = new FakeChatClient(_ => ScriptedWorld.Code(3));

        var fromOptions = await world.Agent(model, _temp, o => o.MaxIterations = 4).RunAsync("site");
        var fromRequest = await world.Agent(model, _temp, o => o.MaxIterations = 4).RunAsync(new WebGenRequest { Instruction = "site", MaxIterations = 2 });

        Assert.That(fromOptions.StopReason, Is.EqualTo(WebGenStopReason.MaxIterations));
        Assert.That(fromOptions.Steps, Has.Count.EqualTo(4));
        Assert.That(fromRequest.Steps, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Malformed_answer_is_a_bad_format_step_with_guidance()
    {
        var world = new ScriptedWorld();
        var model = FakeChatClient.Scripted("I would build it with React.", ScriptedWorld.Code(4), ScriptedWorld.Finish);

        var result = await world.Agent(model, _temp).RunAsync("site");

        var bad = result.Steps[0];
        Assert.That(bad.Node.Kind, Is.EqualTo(StepKind.BadFormat));
        Assert.That(bad.Node.HasError, Is.True);
        Assert.That(bad.Feedback, Does.Contain("could not be used").And.Contain("boltAction type=\"file\""));
        Assert.That(world.Sandbox.Sessions.Single().EnsureRunningCalls, Is.EqualTo(1), "a bad-format step runs nothing");
        Assert.That(result.Chosen!.Step, Is.EqualTo(3));
    }

    [Test]
    public async Task Signals_in_an_answer_that_changes_files_are_ignored_and_reported()
    {
        var world = new ScriptedWorld();
        var model = FakeChatClient.Scripted(ScriptedWorld.Code(4) + ScriptedWorld.Validate, ScriptedWorld.Finish);

        var result = await world.Agent(model, _temp).RunAsync("site");

        Assert.That(result.Steps[0].Node.Kind, Is.EqualTo(StepKind.Code));
        Assert.That(result.Steps[0].Feedback, Does.Contain("screenshot_validated was ignored"));
        Assert.That(world.GuiTester.Requests, Is.Empty);
    }

    [Test]
    public async Task Install_failure_is_an_error_with_the_log_excerpt_in_feedback_and_no_screenshot()
    {
        var world = new ScriptedWorld();
        var model = FakeChatClient.Scripted(ScriptedWorld.Code("install-fail"), ScriptedWorld.Finish);

        var result = await world.Agent(model, _temp).RunAsync("site");

        var step = result.Steps[0];
        Assert.That(step.Node.HasError, Is.True);
        Assert.That(step.Node.Errors, Has.Some.StartsWith("installation failed"));
        Assert.That(step.Feedback, Does.Contain("npm ERR! 404 Not Found"));
        Assert.That(step.Capture, Is.Null);
        Assert.That(world.Judge.Calls, Is.Zero);
    }

    [Test]
    public async Task Fatal_precheck_skips_the_judge_and_marks_the_error()
    {
        var world = new ScriptedWorld();
        var blank = new FakeScreenshotScorer(_ => ScreenshotScore.Fatal("blank-page", "the page is blank"));
        var components = world.Components();
        var agent = new WebGenAgent(FakeChatClient.Scripted(ScriptedWorld.Code(5), ScriptedWorld.Finish), new WebGenComponents
        {
            Sandbox = components.Sandbox,
            PageCapturer = components.PageCapturer,
            ScreenshotJudge = components.ScreenshotJudge,
            GuiTester = components.GuiTester,
            ScreenshotScorers = [blank],
        }, new WebGenAgentOptions { RunsDirectory = _temp.Combine("runs") });

        var result = await agent.RunAsync("site");

        var step = result.Steps[0];
        Assert.That(world.Judge.Calls, Is.Zero);
        Assert.That(step.Node.ScreenshotGrade, Is.Zero);
        Assert.That(step.Node.Errors, Has.Some.EqualTo("blank-page: the page is blank"));
        Assert.That(step.Node.Scores.Select(s => s.Name), Is.EqualTo(new[] { "blank-page", PromptInjection.ScoreName }), "the prompt-injection pre-check runs after the registered scorers in Enhanced");
        Assert.That(step.Feedback, Does.Contain("blank-page (blocking): the page is blank"));
    }

    [Test]
    public async Task Failed_gui_test_gives_gui_grade_zero_and_fix_guidance()
    {
        var world = new ScriptedWorld();
        var model = FakeChatClient.Scripted(ScriptedWorld.Code(4, gui: 2), ScriptedWorld.Validate, ScriptedWorld.Finish);

        var result = await world.Agent(model, _temp).RunAsync("site");

        var validate = result.Steps[1];
        Assert.That(validate.Node.GuiGrade, Is.EqualTo(2));
        Assert.That(validate.Feedback, Does.Contain("not passed").And.Contain("Fix what the GUI test found"));
    }

    [Test]
    public async Task Every_step_is_checkpointed_before_its_completion_event()
    {
        var world = new ScriptedWorld();
        var model = FakeChatClient.Scripted(ScriptedWorld.Code(4), ScriptedWorld.Validate, ScriptedWorld.Finish);

        await foreach (var e in world.Agent(model, _temp).RunStreamingAsync(new WebGenRequest { Instruction = "site", RunId = "ckpt" }))
        {
            if (e is StepCompletedEvent completed)
            {
                var checkpoint = await RunCheckpoint.LoadAsync(_temp.Combine("runs", "ckpt"));
                Assert.That(checkpoint.Steps, Has.Count.EqualTo(completed.Step));
                Assert.That(checkpoint.State.LastStep, Is.EqualTo(completed.Step));
            }
        }

        var final = await RunCheckpoint.LoadAsync(_temp.Combine("runs", "ckpt"));
        Assert.That(final.IsComplete, Is.True);
        Assert.That(final.Result!.Chosen!.Step, Is.EqualTo(3));
        Assert.That(final.Steps[0].Capture!.Png.Length, Is.EqualTo(FakePageCapturer.OnePixelPng.Length), "screenshots are stored beside the step and read back");
        Assert.That(File.Exists(_temp.Combine("runs", "ckpt", "steps", "0001", "screenshot.png")), Is.True);
    }

    [Test]
    public async Task Resumes_after_a_crash_without_redoing_finished_steps()
    {
        var world = new ScriptedWorld();
        using var crash = new CancellationTokenSource();
        var answers = new[] { ScriptedWorld.Code(2), ScriptedWorld.Code(4), ScriptedWorld.Code(3) };
        var calls = 0;
        var first = new FakeChatClient((_, _, _) =>
        {
            if (calls == 2)
            {
                crash.Cancel(); // the process "dies" while the model is thinking about step 3
            }

            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answers[calls++])));
        });
        var runDir = _temp.Combine("runs", "crash");
        Assert.That(
            async () => await world.Agent(first, _temp).RunAsync(new WebGenRequest { Instruction = "site", RunDirectory = runDir }, crash.Token),
            Throws.InstanceOf<OperationCanceledException>());
        Directory.CreateDirectory(Path.Combine(runDir, "steps", "0003.tmp")); // a half-written step from the crash
        File.WriteAllText(Path.Combine(runDir, "workspace", "grade.txt"), "garbage from the interrupted step");

        var resumedWorld = new ScriptedWorld();
        var second = FakeChatClient.Scripted(ScriptedWorld.Validate, ScriptedWorld.Finish);
        var result = await resumedWorld.Agent(second, _temp).ResumeAsync(runDir);

        Assert.That(result.Steps.Select(s => s.Node.Kind), Is.EqualTo(new[] { StepKind.Code, StepKind.Code, StepKind.Validate, StepKind.Finish }));
        Assert.That(second.Calls, Has.Count.EqualTo(2), "only the remaining steps ask the model");
        Assert.That(second.Calls[0], Has.Count.EqualTo(6), "the chat history is restored up to step 2's feedback");
        Assert.That(resumedWorld.GuiTester.PlanCalls, Is.Zero, "the GUI-test plan is not redone");
        Assert.That(resumedWorld.GuiTester.Requests.Single().Url.Query, Does.Contain("grade=4"), "the workspace was restored to step 2 before validating");
        Assert.That(Directory.Exists(Path.Combine(runDir, "steps", "0003.tmp")), Is.False);
        Assert.That(result.Chosen!.Step, Is.EqualTo(4));
    }

    [Test]
    public async Task Resuming_a_finished_run_returns_its_result_without_model_calls()
    {
        var world = new ScriptedWorld();
        var runDir = _temp.Combine("runs", "done");
        var original = await world.Agent(FakeChatClient.Scripted(ScriptedWorld.Code(4), ScriptedWorld.Finish), _temp).RunAsync(new WebGenRequest { Instruction = "site", RunDirectory = runDir });

        var model = FakeChatClient.Scripted();
        var resumed = await new ScriptedWorld().Agent(model, _temp).ResumeAsync(runDir);

        Assert.That(model.Calls, Is.Empty);
        Assert.That(resumed.Chosen!.Step, Is.EqualTo(original.Chosen!.Step));
        Assert.That(resumed.SelectionReason, Is.EqualTo(original.SelectionReason));
        Assert.That(resumed.Steps, Has.Count.EqualTo(2));
    }

    [Test]
    public void Starting_a_run_in_a_directory_that_holds_one_is_refused()
    {
        var world = new ScriptedWorld();
        var runDir = _temp.Combine("runs", "twice");

        Assert.That(async () => await world.Agent(FakeChatClient.Scripted(ScriptedWorld.Finish), _temp).RunAsync(new WebGenRequest { Instruction = "site", RunDirectory = runDir }), Throws.Nothing);
        Assert.That(
            async () => await world.Agent(FakeChatClient.Scripted(ScriptedWorld.Finish), _temp).RunAsync(new WebGenRequest { Instruction = "site", RunDirectory = runDir }),
            Throws.InvalidOperationException.With.Message.Contains("already holds a run"));
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Empty_instruction_is_refused(string instruction)
    {
        var world = new ScriptedWorld();

        Assert.That(async () => await world.Agent(FakeChatClient.Scripted(), _temp).RunAsync(instruction), Throws.ArgumentException.With.Message.Contains("instruction is empty"));
    }

    [Test]
    public void Invalid_run_id_is_refused()
    {
        var world = new ScriptedWorld();

        Assert.That(
            async () => await world.Agent(FakeChatClient.Scripted(), _temp).RunAsync(new WebGenRequest { Instruction = "x", RunId = "../evil" }),
            Throws.ArgumentException.With.Message.Contains("Run id"));
    }

    [Test]
    public async Task A_failing_gui_plan_falls_back_to_the_generic_instruction()
    {
        var world = new ScriptedWorld();
        var components = world.Components();
        var throwingPlanner = new ThrowingPlanTester(world.GuiTester);
        var agent = new WebGenAgent(FakeChatClient.Scripted(ScriptedWorld.Code(4), ScriptedWorld.Validate, ScriptedWorld.Finish), new WebGenComponents
        {
            Sandbox = components.Sandbox,
            PageCapturer = components.PageCapturer,
            ScreenshotJudge = components.ScreenshotJudge,
            GuiTester = throwingPlanner,
        }, new WebGenAgentOptions { RunsDirectory = _temp.Combine("runs") });

        var result = await agent.RunAsync("site");

        Assert.That(result.GuiTestInstruction, Is.EqualTo(WebGenEnvironment.FallbackGuiTestInstruction));
        Assert.That(world.GuiTester.Requests.Single().TestInstruction, Is.EqualTo(WebGenEnvironment.FallbackGuiTestInstruction));
    }

    private sealed class ThrowingPlanTester(IGuiTester inner) : IGuiTester
    {
        public Task<GuiTestPlan> PlanAsync(string userInstruction, CancellationToken cancellationToken = default) => throw new HttpRequestException("feedback model down");

        public Task<GuiTestResult> TestAsync(GuiTestRequest request, CancellationToken cancellationToken = default) => inner.TestAsync(request, cancellationToken);
    }
}
