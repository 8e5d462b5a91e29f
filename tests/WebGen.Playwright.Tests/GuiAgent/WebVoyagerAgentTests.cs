using Microsoft.Extensions.Options;
using WebGen.Testing;

namespace WebGen.Playwright.Tests.GuiAgent;

public sealed class WebVoyagerAgentTests
{
    private StaticSiteServer _site = null!;

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _site = await StaticSiteServer.StartAsync(new Dictionary<string, string>
        {
            ["/index.html"] = AgentPages.Shop,
            ["/second.html"] = AgentPages.Second,
            ["/api/added"] = "{}",
            ["/api/hello"] = "{}",
            ["/api/footer-seen"] = "{}",
        });
    }

    [OneTimeTearDown]
    public async Task StopSite() => await _site.DisposeAsync();

    private static WebVoyagerAgent Agent(OpenAICompatibleServer model, WebVoyagerOptions? options = null) =>
        new(BrowserFixture.Browser, model.CreateChatClient("vision-model"), Options.Create(options ?? new WebVoyagerOptions()));

    [Test]
    public async Task Clicks_types_scrolls_goes_back_and_answers_and_the_site_sees_every_action()
    {
        await using var model = await OpenAICompatibleServer.StartAsync(call => ScriptedAgent.Step(call) switch
        {
            0 => ScriptedAgent.Act($"Click [{ScriptedAgent.Label(call, "Add item")}]", "I add an item first."),
            1 => ScriptedAgent.Act($"Type [{ScriptedAgent.Label(call, "Your name")}]; Ada"),
            2 => ScriptedAgent.Act("Scroll [WINDOW]; down"),
            3 => ScriptedAgent.Act("Scroll [WINDOW]; down"),
            4 => ScriptedAgent.Act("Scroll [WINDOW]; down"),
            5 => ScriptedAgent.Act("Scroll [WINDOW]; up"),
            6 => ScriptedAgent.Act("Scroll [WINDOW]; up"),
            7 => ScriptedAgent.Act("Scroll [WINDOW]; up"),
            8 => ScriptedAgent.Act($"Click [{ScriptedAgent.Label(call, "Second page")}]"),
            9 => ScriptedAgent.Act("GoBack"),
            _ => ScriptedAgent.Act("ANSWER; YES", "Everything worked."),
        });
        var agent = Agent(model);

        var run = await agent.RunAsync(_site.BaseUrl, "Add an item, greet Ada, look at the footer, visit the second page. Answer YES or NO.");

        Assert.That(run.StopReason, Is.EqualTo(WebVoyagerStopReason.Answered), run.Failure);
        Assert.That(run.Verdict, Is.EqualTo(GuiVerdict.Yes));
        Assert.That(run.FinalAnswer, Is.EqualTo("YES"));
        Assert.That(_site.RequestedPaths, Does.Contain("/api/added?n=1"), "the click ran the button's handler");
        Assert.That(_site.RequestedPaths, Does.Contain("/api/hello?name=Ada"), "typing filled the field and Enter submitted the form");
        Assert.That(_site.RequestedPaths, Does.Contain("/api/footer-seen"), "scrolling down brought the footer into view");
        Assert.That(_site.RequestedPaths, Does.Contain("/second.html"), "the link was followed");
        Assert.That(run.Trajectory.Select(s => s.Action), Is.EqualTo(new[]
        {
            GuiActionKind.Click, GuiActionKind.Type, GuiActionKind.Scroll, GuiActionKind.Scroll, GuiActionKind.Scroll,
            GuiActionKind.Scroll, GuiActionKind.Scroll, GuiActionKind.Scroll, GuiActionKind.Click, GuiActionKind.GoBack, GuiActionKind.Answer,
        }));
        Assert.That(run.Trajectory[0].TargetDescription, Is.EqualTo("<button> \"Add item\""));
        Assert.That(run.Trajectory[0].Thought, Is.EqualTo("I add an item first."));
        Assert.That(run.Trajectory[1].Argument, Is.EqualTo("Ada"));
        Assert.That(run.Trajectory[8].UrlAfter, Does.EndWith("/second.html"));
        Assert.That(run.Trajectory[9].UrlAfter, Is.EqualTo(_site.BaseUrl.ToString()));
        Assert.That(run.Trajectory.Where(s => s.Action != GuiActionKind.Answer).Select(s => s.Error), Is.All.Null);
        Assert.That(run.Trajectory, Has.All.Matches<GuiTrajectoryStep>(s => !s!.ScreenshotAfter.IsEmpty));
        Assert.That(run.Usage?.TotalTokenCount, Is.EqualTo(15 * 11));

        var calls = model.Calls;
        Assert.That(calls[1].LastUserText, Does.Contain("clicked [").And.Contain("Add item"));
        Assert.That(calls[2].LastUserText, Does.Contain("value \"Ada\""), "the next observation shows the typed value");
    }

    [Test]
    public async Task Sends_labelled_png_screenshots_and_keeps_only_the_last_three()
    {
        await using var model = await OpenAICompatibleServer.StartAsync(call =>
            ScriptedAgent.Step(call) < 4 ? ScriptedAgent.Act("Scroll [WINDOW]; down") : ScriptedAgent.Act("ANSWER; NO"));

        var run = await Agent(model).RunAsync(_site.BaseUrl, "Scroll around.");

        Assert.That(run.Verdict, Is.EqualTo(GuiVerdict.No));
        var last = model.Calls[^1];
        Assert.That(last.Images.Count(), Is.EqualTo(3));
        Assert.That(last.Images, Has.All.Matches<ChatCompletionImage>(i => i!.MediaType == "image/png"));
        Assert.That(last.Messages.Count(m => m.Text.Contains("no longer shown", StringComparison.Ordinal)), Is.EqualTo(2));
        Assert.That(model.Calls[0].Messages[1].Text, Does.StartWith("Task: Scroll around."));
        Assert.That(model.Calls[0].Images.Single().Data.Length, Is.GreaterThan(1000));
    }

    [Test]
    public async Task Text_only_mode_sends_the_accessibility_tree_instead_of_images()
    {
        await using var model = await OpenAICompatibleServer.StartAsync(_ => ScriptedAgent.Act("ANSWER; PARTIAL"));

        var run = await Agent(model, new WebVoyagerOptions { TextOnly = true }).RunAsync(_site.BaseUrl, "Look.");

        Assert.That(run.Verdict, Is.EqualTo(GuiVerdict.Partial));
        var call = model.Calls.Single();
        Assert.That(call.Images, Is.Empty);
        Assert.That(call.LastUserText, Does.Contain("Accessibility tree").And.Contain("button \"Add item\""));
    }

    [Test]
    public async Task Invalid_actions_are_fed_back_as_observations()
    {
        await using var model = await OpenAICompatibleServer.StartAsync(call => ScriptedAgent.Step(call) switch
        {
            0 => ScriptedReply.Text("I think I should press the add button now."),
            1 => ScriptedAgent.Act("Click [999]"),
            _ => ScriptedAgent.Act("ANSWER; NO"),
        });

        var run = await Agent(model).RunAsync(_site.BaseUrl, "Try things.");

        Assert.That(run.StopReason, Is.EqualTo(WebVoyagerStopReason.Answered));
        Assert.That(run.Trajectory[0].Action, Is.EqualTo(GuiActionKind.Invalid));
        Assert.That(run.Trajectory[0].Error, Does.Contain("could not be used"));
        Assert.That(model.Calls[1].LastUserText, Does.Contain("is not one of the actions"));
        Assert.That(run.Trajectory[1].Error, Does.Contain("no element [999]"));
        Assert.That(model.Calls[2].LastUserText, Does.Contain("no element [999]"));
    }

    [Test]
    public async Task Repeating_an_action_that_changes_nothing_ends_the_run_early()
    {
        await using var model = await OpenAICompatibleServer.StartAsync(_ => ScriptedAgent.Act("Wait"));

        var run = await Agent(model, new WebVoyagerOptions { WaitActionCap = TimeSpan.FromMilliseconds(200) }).RunAsync(_site.BaseUrl, "Wait.");

        Assert.That(run.StopReason, Is.EqualTo(WebVoyagerStopReason.RepeatedNoOp));
        Assert.That(run.Trajectory, Has.Count.EqualTo(3));
        Assert.That(model.Calls, Has.Count.EqualTo(3));
        Assert.That(run.Verdict, Is.EqualTo(GuiVerdict.Unknown));
        Assert.That(model.Calls[1].LastUserText, Does.Contain("did not visibly change"));
    }

    [Test]
    public async Task Action_limit_tells_the_model_to_answer_on_the_last_step_and_holds()
    {
        await using var model = await OpenAICompatibleServer.StartAsync(call =>
            ScriptedAgent.Act(ScriptedAgent.Step(call) % 2 == 0 ? "Scroll [WINDOW]; down" : "Scroll [WINDOW]; up"));

        var run = await Agent(model, new WebVoyagerOptions { MaxActions = 4 }).RunAsync(_site.BaseUrl, "Never answer.");

        Assert.That(run.StopReason, Is.EqualTo(WebVoyagerStopReason.ActionLimit));
        Assert.That(model.Calls, Has.Count.EqualTo(4));
        Assert.That(model.Calls[3].LastUserText, Does.Contain("This is your last step"));
        Assert.That(model.Calls[2].LastUserText, Does.Not.Contain("This is your last step"));
        Assert.That(run.Trajectory[^1].ScreenshotAfter.IsEmpty, Is.False);
        Assert.That(run.Verdict, Is.EqualTo(GuiVerdict.Unknown));
    }

    [Test]
    public async Task Links_to_other_origins_are_blocked_and_reported_to_the_model()
    {
        await using var model = await OpenAICompatibleServer.StartAsync(call => ScriptedAgent.Step(call) switch
        {
            0 => ScriptedAgent.Act($"Click [{ScriptedAgent.Label(call, "Outside link")}]"),
            1 => ScriptedAgent.Act("GoBack"),
            _ => ScriptedAgent.Act("ANSWER; NO"),
        });

        var run = await Agent(model).RunAsync(_site.BaseUrl, "Leave the site.");

        Assert.That(run.BlockedRequests, Has.Some.Contains("https://example.com/outside"));
        Assert.That(run.Trajectory[0].Error, Does.Contain("only the site's own address is reachable"));
        Assert.That(run.Trajectory[1].UrlAfter, Is.EqualTo(_site.BaseUrl.ToString()));
    }

    [TestCase("ANSWER; The answer is not YES", GuiVerdictParsing.Exact, GuiVerdict.Unknown)]
    [TestCase("ANSWER; The answer is not YES", GuiVerdictParsing.ReferenceCompatible, GuiVerdict.Yes)]
    [TestCase("ANSWER; NO, the cart is empty", GuiVerdictParsing.Exact, GuiVerdict.No)]
    public async Task Verdict_follows_the_configured_parsing(string answer, GuiVerdictParsing parsing, GuiVerdict expected)
    {
        await using var model = await OpenAICompatibleServer.StartAsync(_ => ScriptedAgent.Act(answer));

        var run = await Agent(model, new WebVoyagerOptions { VerdictParsing = parsing }).RunAsync(_site.BaseUrl, "Judge.");

        Assert.That(run.Verdict, Is.EqualTo(expected));
    }

    [Test]
    public async Task Unreachable_site_is_a_recorded_failure_without_model_calls()
    {
        await using var model = await OpenAICompatibleServer.StartAsync(_ => ScriptedAgent.Act("ANSWER; YES"));

        var run = await Agent(model).RunAsync(new Uri($"http://127.0.0.1:{FreePort.Get()}/"), "Anything.");

        Assert.That(run.StopReason, Is.EqualTo(WebVoyagerStopReason.NavigationFailed));
        Assert.That(run.Failure, Does.Contain("ERR_CONNECTION_REFUSED"));
        Assert.That(model.Calls, Is.Empty);
    }

    [Test]
    public async Task Model_errors_end_the_run_with_a_recorded_failure()
    {
        await using var model = await OpenAICompatibleServer.StartAsync(_ => ScriptedReply.Error(400));

        var run = await Agent(model).RunAsync(_site.BaseUrl, "Anything.");

        Assert.That(run.StopReason, Is.EqualTo(WebVoyagerStopReason.ModelFailed));
        Assert.That(run.Failure, Does.Contain("model call failed"));
    }

    [Test]
    public async Task Cancellation_stops_the_run()
    {
        await using var model = await OpenAICompatibleServer.StartAsync(_ => ScriptedReply.Hang());
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        Assert.That(async () => await Agent(model).RunAsync(_site.BaseUrl, "Anything.", cancellationToken: cts.Token), Throws.InstanceOf<OperationCanceledException>());
    }
}
