using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebGen.Playwright.Tests.GuiAgent;
using WebGen.Testing;

namespace WebGen.Playwright.Tests.Profiles;

/// <summary>
/// The Reference profile's GUI agent and tester against the reference (<c>webvoyager/run.py</c>,
/// <c>get_webvoyager_feedback.py</c>, <c>generate_gui_agent_instruction.py</c>): real Chromium, models over the OpenAI protocol.
/// </summary>
public sealed class ReferenceGuiTestingTests
{
    private const string Request = "Build a shop page where users can add items to a cart, in red and white.";
    private StaticSiteServer _site = null!;

    [OneTimeSetUp]
    public async Task StartSite() =>
        _site = await StaticSiteServer.StartAsync(new Dictionary<string, string> { ["/index.html"] = AgentPages.Shop, ["/api/added"] = "{}" });

    [OneTimeTearDown]
    public async Task StopSite() => await _site.DisposeAsync();

    [Test]
    public async Task The_reference_agent_keeps_going_through_repeated_no_ops_and_asks_for_the_verdict_at_the_limit()
    {
        await using var model = await OpenAICompatibleServer.StartAsync(call => call.LastUserText.Contains("maximum number of interactions", StringComparison.Ordinal)
            ? ScriptedReply.Text("Thought: YES, I could add an item earlier, the cart worked.\nAction: ANSWER; NO")
            : ScriptedAgent.Act("Wait"));

        var reference = await Agent(model, WebGenProfile.Reference).RunAsync(_site.BaseUrl, "Add an item to the cart.");
        var enhanced = await Agent(model, WebGenProfile.Enhanced).RunAsync(_site.BaseUrl, "Add an item to the cart.");

        Assert.That(reference.StopReason, Is.EqualTo(WebVoyagerStopReason.ActionLimit));
        Assert.That(reference.Trajectory, Has.Count.EqualTo(5), "five waits that changed nothing, then the verdict turn");
        var last = model.Calls[5];
        Assert.That(last.LastUserText, Does.StartWith("You have reached the maximum number of interactions").And.Contain("Testing Instruction: Add an item to the cart."));
        Assert.That(last.Messages[^1].Images, Is.Empty, "the verdict turn has no screenshot");
        Assert.That(reference.LastModelOutput, Does.StartWith("Thought: YES"));
        Assert.That(reference.Verdict, Is.EqualTo(GuiVerdict.Yes), "the whole last message is searched for YES, as the reference does");
        Assert.That(enhanced.StopReason, Is.EqualTo(WebVoyagerStopReason.RepeatedNoOp));
        Assert.That(enhanced.Trajectory, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task The_reference_agent_sends_seed_42_and_no_temperature()
    {
        await using var model = await OpenAICompatibleServer.StartAsync(_ => ScriptedAgent.Act("ANSWER; YES"));

        await Agent(model, WebGenProfile.Reference).RunAsync(_site.BaseUrl, "Look at the page.");
        await Agent(model, WebGenProfile.Enhanced).RunAsync(_site.BaseUrl, "Look at the page.");

        var (reference, enhanced) = (Body(model.Calls[0]), Body(model.Calls[1]));
        Assert.That(reference.GetProperty("seed").GetInt32(), Is.EqualTo(42));
        Assert.That(reference.TryGetProperty("temperature", out _), Is.False);
        Assert.That(reference.GetProperty("max_completion_tokens").GetInt32(), Is.EqualTo(1000));
        Assert.That(enhanced.GetProperty("temperature").GetDouble(), Is.Zero);
        Assert.That(enhanced.TryGetProperty("seed", out _), Is.False);
    }

    [Test]
    public async Task A_reference_test_whose_agent_says_YES_passes_with_no_suggestions_whatever_the_summary_says()
    {
        await using var model = await OpenAICompatibleServer.StartAsync(call => call.SystemText.StartsWith("You test a website", StringComparison.Ordinal)
            ? ScriptedAgent.Act("ANSWER; YES", "The cart works.")
            : ScriptedReply.Text("""Some steps looked odd. {"test_passed": false, "improvement_suggestions": "Make the cart count bigger.", "grade": 4}"""));

        var reference = await Tester(model, WebGenProfile.Reference).TestAsync(Test());
        var enhanced = await Tester(model, WebGenProfile.Enhanced).TestAsync(Test());

        Assert.That(reference, Has.Property(nameof(GuiTestResult.Passed)).True.And.Property(nameof(GuiTestResult.Suggestions)).Empty.And.Property(nameof(GuiTestResult.Grade)).EqualTo(4));
        Assert.That(reference.LastMessage, Does.Contain("ANSWER; YES"));
        Assert.That(enhanced, Has.Property(nameof(GuiTestResult.Passed)).False.And.Property(nameof(GuiTestResult.Suggestions)).EqualTo("Make the cart count bigger."));
    }

    [Test]
    public async Task The_reference_summary_shows_the_trajectory_as_the_reference_does_with_its_grade_scale_and_no_temperature()
    {
        await using var model = await OpenAICompatibleServer.StartAsync(call => call.SystemText.StartsWith("You test a website", StringComparison.Ordinal)
            ? ScriptedAgent.Act("ANSWER; NO", "The cart did not change.")
            : ScriptedReply.Text("""{"test_passed": false, "improvement_suggestions": "Fix the cart.", "grade": 2}"""));

        await Tester(model, WebGenProfile.Reference).TestAsync(Test());

        var summary = model.Calls[^1];
        Assert.That(summary.SystemText, Is.EqualTo("You are a helpful agent."));
        Assert.That(summary.LastUserText, Does.Contain("GUI-Agent Testing Instruction:\n\nAdd an item.").And.Contain("[webpage screenshot]\n\nThought: The cart did not change.\nAction: ANSWER; NO"));
        Assert.That(summary.LastUserText, Does.Contain("1: The vast majority of tested functions fail or behave incorrectly.").And.Contain("5: All tested functions work exactly as expected; no issues observed."));
        Assert.That(Body(summary).TryGetProperty("temperature", out _), Is.False);
    }

    [Test]
    public async Task The_reference_plan_is_one_request_with_the_example_and_the_instruction_gets_the_reference_suffix()
    {
        await using var model = await OpenAICompatibleServer.StartAsync(_ => ScriptedReply.Text("<boltAction type=\"gui_agent_test\">Verify red and white. Add an item to the cart.</boltAction>"));

        var plan = await Tester(model, WebGenProfile.Reference).PlanAsync(Request);

        var call = model.Calls.Single();
        Assert.That(call.Messages.Select(m => m.Role), Is.EqualTo(new[] { "user" }), "no system prompt");
        Assert.That(call.LastUserText, Does.Contain("<instruction>" + Request + "</instruction>").And.Contain("self-driving tour"));
        Assert.That(plan.Instruction, Is.EqualTo("Verify red and white. Add an item to the cart.\n\n" + GuiTestInstructions.ReferenceSuffix));
        Assert.That(plan.Instruction, Does.Contain("\"admin\", \"admin123456\" and \"admin@example.com\""));
    }

    [Test]
    public async Task With_dependency_injection_the_gui_agent_and_tester_follow_the_agents_profile()
    {
        var services = new ServiceCollection();
        services.AddWebGenAgent(o => o.Profile = WebGenProfile.Reference).UseCodeModel(new OfflineDemoChatClient()).UsePlaywrightBrowser();
        await using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IOptions<WebVoyagerOptions>>().Value.Profile, Is.EqualTo(WebGenProfile.Reference));
        Assert.That(provider.GetRequiredService<IOptions<WebVoyagerGuiTesterOptions>>().Value.Profile, Is.EqualTo(WebGenProfile.Reference));
    }

    private GuiTestRequest Test() => new() { Url = _site.BaseUrl, TestInstruction = "Add an item.", UserInstruction = Request };

    private static WebVoyagerAgent Agent(OpenAICompatibleServer model, WebGenProfile profile) =>
        new(BrowserFixture.Browser, model.CreateChatClient("vision"), Options.Create(new WebVoyagerOptions { Profile = profile, MaxActions = 6 }));

    private static WebVoyagerGuiTester Tester(OpenAICompatibleServer model, WebGenProfile profile) =>
        new(Agent(model, profile), model.CreateChatClient("feedback"), Options.Create(new WebVoyagerGuiTesterOptions { Profile = profile }));

    private static JsonElement Body(ChatCompletionCall call) => JsonDocument.Parse(call.RawBody).RootElement;
}
