using WebGen.Playwright.Tests.GuiAgent;
using WebGen.Testing;

namespace WebGen.Playwright.Tests.GuiTesting;

public sealed class WebVoyagerGuiTesterTests
{
    private const string Request = "Build a shop page where users can add items to a cart, in red and white.";
    private StaticSiteServer _site = null!;

    [OneTimeSetUp]
    public async Task StartSite() =>
        _site = await StaticSiteServer.StartAsync(new Dictionary<string, string> { ["/index.html"] = AgentPages.Shop, ["/api/added"] = "{}" });

    [OneTimeTearDown]
    public async Task StopSite() => await _site.DisposeAsync();

    private static WebVoyagerGuiTester Tester(OpenAICompatibleServer model) =>
        new(new WebVoyagerAgent(BrowserFixture.Browser, model.CreateChatClient("vision")), model.CreateChatClient("feedback"));

    [Test]
    public async Task Plan_uses_the_models_instruction_and_adds_the_login_and_answer_suffix()
    {
        await using var model = await OpenAICompatibleServer.StartAsync(_ => ScriptedReply.Text(
            "Here you go:\n<boltAction type=\"gui_agent_test\">Verify the page is red and white. Click &quot;Add item&quot; and check the count rises to 1.</boltAction>"));

        var plan = await Tester(model).PlanAsync(Request);

        Assert.That(plan.IsFallback, Is.False);
        Assert.That(plan.Instruction, Does.StartWith("Verify the page is red and white. Click \"Add item\" and check the count rises to 1."));
        Assert.That(plan.Instruction, Does.EndWith(GuiTestInstructions.StandardSuffix));
        Assert.That(plan.Instruction, Does.Contain("admin123456").And.Contain("admin@example.com"));
        Assert.That(plan.Usage?.TotalTokenCount, Is.EqualTo(15));
        Assert.That(model.Calls.Single().LastUserText, Does.Contain(Request));
        Assert.That(model.Calls.Single().SystemText, Does.Contain("gui_agent_test"));
    }

    [Test]
    public async Task Plan_falls_back_to_the_generic_instruction_when_the_answer_has_no_instruction()
    {
        await using var model = await OpenAICompatibleServer.StartAsync(_ => ScriptedReply.Text("Sure, test the cart."));

        var plan = await Tester(model).PlanAsync(Request);

        Assert.That(plan.IsFallback, Is.True);
        Assert.That(plan.Instruction, Is.EqualTo(GuiTestInstructions.Complete(GuiTestInstructions.Generic)));
    }

    [Test]
    public async Task Plan_falls_back_when_the_model_fails()
    {
        await using var model = await OpenAICompatibleServer.StartAsync(_ => ScriptedReply.Error(500));

        var plan = await Tester(model).PlanAsync(Request);

        Assert.That(plan.IsFallback, Is.True);
        Assert.That(plan.Instruction, Does.EndWith(GuiTestInstructions.StandardSuffix));
    }

    [Test]
    public async Task Test_runs_the_agent_then_the_summary_grades_the_trajectory()
    {
        await using var model = await OpenAICompatibleServer.StartAsync(call =>
            !ScriptedAgent.IsAgent(call)
                ? ScriptedReply.Text("```json\n{\"test_passed\": true, \"improvement_suggestions\": \"Show a cart total.\", \"grade\": 4}\n```")
                : ScriptedAgent.Step(call) == 0
                    ? ScriptedAgent.Act($"Click [{ScriptedAgent.Label(call, "Add item")}]")
                    : ScriptedAgent.Act("ANSWER; YES"));
        var tester = Tester(model);

        var result = await tester.TestAsync(new GuiTestRequest { Url = _site.BaseUrl, TestInstruction = "Add an item. Answer YES or NO.", UserInstruction = Request });

        Assert.That(result.Failure, Is.Null);
        Assert.That(result.Verdict, Is.EqualTo(GuiVerdict.Yes));
        Assert.That(result.FinalAnswer, Is.EqualTo("YES"));
        Assert.That(result.Passed, Is.True);
        Assert.That(result.Grade, Is.EqualTo(4));
        Assert.That(result.Suggestions, Is.EqualTo("Show a cart total."));
        Assert.That(result.Trajectory.Select(s => s.Action), Is.EqualTo(new[] { GuiActionKind.Click, GuiActionKind.Answer }));
        Assert.That(result.Usage?.TotalTokenCount, Is.EqualTo(45), "two agent calls and one summary");
        Assert.That(_site.RequestedPaths, Does.Contain("/api/added?n=1"));
        var summary = model.Calls.Single(c => !ScriptedAgent.IsAgent(c));
        Assert.That(summary.Model, Is.EqualTo("feedback"));
        Assert.That(summary.LastUserText, Does.Contain(Request).And.Contain("Click [").And.Contain("Add item").And.Contain("final answer: YES"));
    }

    [Test]
    public async Task Unusable_summary_is_recorded_and_the_grade_comes_from_the_verdict()
    {
        await using var model = await OpenAICompatibleServer.StartAsync(call =>
            ScriptedAgent.IsAgent(call) ? ScriptedAgent.Act("ANSWER; NO") : ScriptedReply.Text("{\"test_passed\": false, \"grade\": 9}"));

        var result = await Tester(model).TestAsync(new GuiTestRequest { Url = _site.BaseUrl, TestInstruction = "Check it.", UserInstruction = Request });

        Assert.That(result.Verdict, Is.EqualTo(GuiVerdict.No));
        Assert.That(result.Grade, Is.EqualTo(2));
        Assert.That(result.Passed, Is.False);
        Assert.That(result.Failure, Does.Contain("summary failed").And.Contain("from 1 to 5"));
        Assert.That(model.Calls.Count(c => !ScriptedAgent.IsAgent(c)), Is.EqualTo(2), "one repair attempt");
    }

    [Test]
    public async Task Unreachable_site_gives_grade_0_and_a_failure()
    {
        await using var model = await OpenAICompatibleServer.StartAsync(_ => ScriptedAgent.Act("ANSWER; YES"));

        var result = await Tester(model).TestAsync(new GuiTestRequest { Url = new Uri($"http://127.0.0.1:{FreePort.Get()}/"), TestInstruction = "Check it.", UserInstruction = Request });

        Assert.That(result.Grade, Is.Zero);
        Assert.That(result.Failure, Does.Contain("could not be opened"));
        Assert.That(model.Calls, Is.Empty);
    }
}
