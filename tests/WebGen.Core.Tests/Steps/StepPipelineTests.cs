using Microsoft.Extensions.DependencyInjection;
using WebGen.Core.Tests.Agent;
using WebGen.Testing;

namespace WebGen.Core.Tests.Steps;

/// <summary>The step as a pipeline of stages: ordering, checks, short-circuits, failures and the builder's registrations.</summary>
public sealed class StepPipelineTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task An_added_stage_runs_after_the_built_in_stages_and_its_failed_check_reaches_the_node_the_feedback_and_the_events()
    {
        var world = new ScriptedWorld();
        var stage = new CheckStage(passed: false);
        var events = new List<WebGenEvent>();

        await foreach (var e in Agent(world, FakeChatClient.Scripted(ScriptedWorld.Code(4), ScriptedWorld.Finish), [.. DefaultStepStages.Create(), stage]).RunStreamingAsync(new WebGenRequest { Instruction = "A page" }))
        {
            events.Add(e);
        }

        var code = events.OfType<StepCompletedEvent>().First().Record;
        Assert.That(stage.SawJudgement, Is.True, "the judge ran before the added stage");
        Assert.That(code.Checks.Single().Name, Is.EqualTo("lint"));
        Assert.That(code.Node.HasError, Is.True, "a failed check makes an otherwise clean step erroneous");
        Assert.That(code.Node.Errors, Is.EqualTo(new[] { "lint failed: 2 problems in src/App.jsx." }));
        Assert.That(code.Feedback, Does.Contain("## Checks").And.Contain("lint: FAILED — 2 problems in src/App.jsx.").And.Contain("App.jsx:3 unused variable"));
        Assert.That(code.Feedback, Does.Contain("Fix these problems:\n- lint failed: 2 problems in src/App.jsx."));
        var order = events.Where(e => e.Step == 1).Select(e => e.GetType().Name).ToList();
        Assert.That(order.IndexOf(nameof(CheckCompletedEvent)), Is.GreaterThan(order.IndexOf(nameof(ScreenshotEvent))).And.LessThan(order.IndexOf(nameof(StepCompletedEvent))));
    }

    [Test]
    public async Task The_run_report_lists_the_checks_with_a_failed_ones_output()
    {
        var world = new ScriptedWorld();
        var result = await Agent(world, FakeChatClient.Scripted(ScriptedWorld.Code(4), ScriptedWorld.Finish), [.. DefaultStepStages.Create(), new CheckStage(passed: false)]).RunAsync("A page");

        var html = await File.ReadAllTextAsync(await HtmlRunReport.WriteAsync(result.RunDirectory));

        Assert.That(html, Does.Contain("<td class=\"mono\">lint</td><td>0.50 (failed)</td><td>2 problems in src/App.jsx.</td>"));
        Assert.That(html, Does.Contain("App.jsx:3 unused variable &#39;x&#39;").Or.Contain("App.jsx:3 unused variable &#x27;x&#x27;"));
    }

    [Test]
    public async Task A_passed_check_keeps_the_step_clean_and_is_listed_in_the_feedback()
    {
        var world = new ScriptedWorld();

        var result = await Agent(world, FakeChatClient.Scripted(ScriptedWorld.Code(4), ScriptedWorld.Finish), [.. DefaultStepStages.Create(), new CheckStage(passed: true)]).RunAsync("A page");

        var code = result.Steps[0];
        Assert.That(code.Node.HasError, Is.False, string.Join("; ", code.Node.Errors));
        Assert.That(code.Feedback, Does.Contain("lint: passed"));
        Assert.That(code.Feedback, Does.Not.Contain("App.jsx:3"), "a passed check's output is not quoted");
    }

    [Test]
    public async Task A_stage_that_does_not_continue_ends_the_step_there_and_the_feedback_is_still_composed()
    {
        var world = new ScriptedWorld();
        IStepStage[] stages = [new FeedbackStage(), new WriteFilesStage(), new StopStage(), new SandboxStage(), new CaptureStage(), new JudgeStage()];

        var result = await Agent(world, FakeChatClient.Scripted(ScriptedWorld.Code(4), ScriptedWorld.Finish), stages).RunAsync("A page");

        var code = result.Steps[0];
        Assert.That(code.Files!.Written, Does.Contain("grade.txt"), "the stages before it ran");
        Assert.That(world.Sandbox.Sessions.Single().EnsureRunningCalls, Is.Zero, "the stages after it did not");
        Assert.That(code.Sandbox, Is.Null);
        Assert.That(code.Node.ScreenshotGrade, Is.Zero);
        Assert.That(code.Feedback, Does.Contain("Written: grade.txt"));
    }

    [Test]
    public async Task A_stage_that_throws_fails_the_step_keeping_what_earlier_stages_recorded()
    {
        var world = new ScriptedWorld();

        var result = await Agent(world, FakeChatClient.Scripted(ScriptedWorld.Code(4), ScriptedWorld.Finish), [.. DefaultStepStages.Create(), new ThrowingStage()], o => o.MaxRestarts = 0).RunAsync("A page");

        var failed = result.Steps[0];
        Assert.That(failed.Exception, Is.EqualTo("InvalidOperationException: the linter crashed"));
        Assert.That(failed.Capture, Is.Not.Null, "the screenshot taken before the failure is kept");
        Assert.That(failed.Judgement!.Grade, Is.EqualTo(4));
        Assert.That(failed.Node.HasError, Is.True);
        Assert.That(result.StopReason, Is.EqualTo(WebGenStopReason.TooManyRestarts));
    }

    [Test]
    public void The_environment_refuses_a_stage_list_with_a_null()
    {
        var world = new ScriptedWorld();
        var components = new WebGenComponents { Sandbox = world.Sandbox, PageCapturer = world.Capturer, ScreenshotJudge = world.Judge, GuiTester = world.GuiTester, StepStages = [new FeedbackStage(), null!] };

        Assert.That(() => new WebGenEnvironment(components), Throws.ArgumentException.With.Message.Contains("StepStages"));
    }

    [Test]
    public async Task The_builder_registers_the_built_in_stages_then_adds_removes_and_replaces_in_place()
    {
        var services = new ServiceCollection();
        var world = new ScriptedWorld();
        services.AddWebGenAgent()
            .UseCodeModel(FakeChatClient.Scripted(ScriptedWorld.Finish))
            .UseSandbox(world.Sandbox).UsePageCapturer(world.Capturer).UseScreenshotJudge(world.Judge).UseGuiTester(world.GuiTester)
            .UseStepStage<CheckStage>()
            .UseStepStage(new StopStage())
            .RemoveStepStage<PreCheckStage>()
            .ReplaceStepStage<JudgeStage, ThrowingStage>();
        await using var provider = services.BuildServiceProvider();

        var stages = provider.GetRequiredService<WebGenEnvironment>().Components.StepStages.Select(s => s.GetType());

        Assert.That(stages, Is.EqualTo(new[]
        {
            typeof(FeedbackStage), typeof(WriteFilesStage), typeof(ShellStage), typeof(SandboxStage), typeof(CaptureStage),
            typeof(ThrowingStage), typeof(GuiTestStage), typeof(CheckStage), typeof(StopStage),
        }));
    }

    [Test]
    public void Replacing_a_stage_that_is_not_registered_is_a_clear_error()
    {
        var builder = new ServiceCollection().AddWebGenAgent().RemoveStepStage<JudgeStage>();

        Assert.That(() => builder.ReplaceStepStage<JudgeStage, CheckStage>(), Throws.InvalidOperationException.With.Message.Contains("No step stage of type JudgeStage").And.Message.Contains("UseStepStage<CheckStage>()"));
    }

    private WebGenAgent Agent(ScriptedWorld world, FakeChatClient model, IReadOnlyList<IStepStage> stages, Action<WebGenAgentOptions>? configure = null)
    {
        var options = new WebGenAgentOptions { RunsDirectory = _temp.Combine("runs") };
        configure?.Invoke(options);
        return new WebGenAgent(model, new WebGenComponents { Sandbox = world.Sandbox, PageCapturer = world.Capturer, ScreenshotJudge = world.Judge, GuiTester = world.GuiTester, StepStages = stages }, options);
    }

    /// <summary>A linter stand-in: records a check on code steps.</summary>
    private sealed class CheckStage(bool passed) : IStepStage
    {
        public CheckStage()
            : this(passed: false)
        {
        }

        public bool SawJudgement { get; private set; }

        public async ValueTask InvokeAsync(StepContext context, StepStageHandler continuation, CancellationToken cancellationToken)
        {
            if (context.Kind == StepKind.Code)
            {
                SawJudgement = context.Judgement is not null;
                await context.AddCheckAsync(new StepCheck
                {
                    Name = "lint",
                    Passed = passed,
                    Score = passed ? 1 : 0.5,
                    Summary = passed ? "no problems." : "2 problems in src/App.jsx.",
                    Details = "App.jsx:3 unused variable 'x'\nApp.jsx:7 missing key",
                });
            }

            await continuation(context, cancellationToken);
        }
    }

    private sealed class StopStage : IStepStage
    {
        public ValueTask InvokeAsync(StepContext context, StepStageHandler continuation, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private sealed class ThrowingStage : IStepStage
    {
        public ValueTask InvokeAsync(StepContext context, StepStageHandler continuation, CancellationToken cancellationToken) =>
            context.Kind == StepKind.Code ? throw new InvalidOperationException("the linter crashed") : continuation(context, cancellationToken);
    }
}
