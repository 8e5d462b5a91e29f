using Microsoft.Playwright;
using WebGen.Core.Tests.Agent;
using WebGen.Testing;

namespace WebGen.Core.Tests.Reports;

public sealed class HtmlRunReportTests
{
    private const string Instruction = "Build a <script>alert(\"pwned\")</script> bakery & café site with a navy header.";
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private TempDirectory _temp = null!;

    [OneTimeSetUp]
    public async Task StartBrowser()
    {
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium" });
    }

    [OneTimeTearDown]
    public async Task StopBrowser()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task Renders_in_chromium_with_every_image_loaded_no_console_errors_and_the_chosen_step_marked()
    {
        var result = await RunWithBacktrackAndGuiTestAsync(offline: true);
        var path = await HtmlRunReport.WriteAsync(result.RunDirectory);

        var page = await _browser.NewPageAsync();
        var consoleErrors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                consoleErrors.Add(m.Text);
            }
        };
        page.PageError += (_, e) => consoleErrors.Add(e);
        page.Request += (_, r) => requests.Add(r.Url);
        await page.GotoAsync(new Uri(path).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });

        var images = await page.EvaluateAsync<int[][]>("() => Array.from(document.images).map(i => [i.complete ? 1 : 0, i.naturalWidth])");
        Assert.That(images, Has.Length.EqualTo(4), "two step screenshots and two GUI-trajectory screenshots");
        Assert.That(images.Select(i => i[0] == 1 && i[1] > 0), Is.All.True, "every image loaded");
        Assert.That(consoleErrors, Is.Empty);
        Assert.That(requests.Where(u => !u.StartsWith("file:", StringComparison.Ordinal) && !u.StartsWith("data:", StringComparison.Ordinal)), Is.Empty, "the report loads nothing from elsewhere");
        Assert.That(await page.EvaluateAsync<int>("() => document.scripts.length"), Is.Zero);

        var chosen = page.Locator("article[data-chosen=\"true\"]");
        Assert.That(await chosen.CountAsync(), Is.EqualTo(1));
        Assert.That(await chosen.GetAttributeAsync("data-step"), Is.EqualTo(result.Chosen!.Step.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(await chosen.Locator(".chosen-badge").IsVisibleAsync(), Is.True);
        Assert.That(await page.Locator("#scores-chart rect.chosen-band").CountAsync(), Is.EqualTo(1));
        Assert.That(await page.Locator("#scores-chart rect.bar.shot").CountAsync(), Is.EqualTo(result.Steps.Count));

        Assert.That(await page.Locator("pre.instruction").InnerTextAsync(), Is.EqualTo(Instruction), "run text is shown literally, never as markup");
        var notice = await page.Locator("#offline-notice").InnerTextAsync();
        Assert.That(notice, Does.Contain("This run used the offline demo model"));
        Assert.That(notice, Does.Contain("WEBGEN_CODE_ENDPOINT").And.Contain("WEBGEN_CODE_MODEL").And.Contain("WEBGEN_CODE_API_KEY"));
        Assert.That(notice, Does.Contain("WEBGEN_VISION_ENDPOINT").And.Contain("WEBGEN_FEEDBACK_API_KEY"));

        Assert.That(await page.Locator("article.has-error").CountAsync(), Is.EqualTo(2));
        Assert.That(await page.Locator("#step-2").InnerTextAsync(), Does.Contain("simulated sandbox crash"));
        Assert.That(await page.Locator(".backtrack").InnerTextAsync(), Does.Contain("to the bare instruction"));
        Assert.That(await page.Locator("#step-1 .feedback").InnerTextAsync(), Does.Contain("bakery"));
        var trajectory = await page.Locator("#trajectory-4").InnerTextAsync();
        Assert.That(trajectory, Does.Contain("Click [7] button “Order”").And.Contain("the basket opened"));
        Assert.That(await page.Locator("#step-4 .gui").InnerTextAsync(), Does.Contain("Verdict YES"));
        await page.CloseAsync();
    }

    [Test]
    public async Task A_run_without_the_offline_label_shows_no_offline_notice()
    {
        var result = await RunWithBacktrackAndGuiTestAsync(offline: false);

        var html = HtmlRunReport.Render(await RunCheckpoint.LoadAsync(result.RunDirectory));

        Assert.That(html, Does.Not.Contain("offline-notice"));
        Assert.That(html, Does.Not.Contain("<script"));
        Assert.That(html, Does.Contain("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; bakery &amp; caf"));
        Assert.That(html, Does.Not.Match("(src|href)=\"https?:"));
    }

    [Test]
    public async Task A_run_whose_sandbox_had_no_isolation_says_so()
    {
        var result = await RunWithBacktrackAndGuiTestAsync(offline: false);
        var checkpoint = await RunCheckpoint.LoadAsync(result.RunDirectory);
        var uncontained = checkpoint with
        {
            Steps = [.. checkpoint.Steps.Select(s => s.Sandbox is null ? s : s with { Sandbox = s.Sandbox with { Containment = SandboxContainment.None } })],
        };
        var contained = checkpoint with
        {
            Steps = [.. checkpoint.Steps.Select(s => s.Sandbox is null ? s : s with { Sandbox = s.Sandbox with { Containment = SandboxContainment.OperatingSystem } })],
        };

        Assert.That(HtmlRunReport.Render(uncontained), Does.Contain("id=\"isolation-notice\"").And.Contain("no operating-system isolation"));
        Assert.That(HtmlRunReport.Render(contained), Does.Not.Contain("isolation-notice"));
    }

    [Test]
    public async Task An_unfinished_run_reports_its_last_step_and_no_chosen_step()
    {
        var world = new ScriptedWorld();
        var environment = new WebGenEnvironment(world.Components(), new WebGenAgentOptions { RunsDirectory = _temp.Combine("runs") });
        string runDirectory;
        await using (var episode = await environment.StartEpisodeAsync(new WebGenRequest { Instruction = "A todo app", RunId = "unfinished" }))
        {
            await episode.StepAsync(ScriptedWorld.Code(3));
            runDirectory = episode.RunDirectory;
        }

        var html = HtmlRunReport.Render(await RunCheckpoint.LoadAsync(runDirectory));

        Assert.That(html, Does.Contain("The run has not finished: it stopped after step 1."));
        Assert.That(html, Does.Contain("data-step=\"1\""));
        Assert.That(html, Does.Not.Contain("data-chosen"));
    }

    private async Task<WebGenResult> RunWithBacktrackAndGuiTestAsync(bool offline)
    {
        var world = new ScriptedWorld();
        var gui = new FakeGuiTester(_ => new GuiTestResult
        {
            Verdict = GuiVerdict.Yes,
            FinalAnswer = "Thought: the basket opened.\nAction: ANSWER; YES",
            Passed = true,
            Grade = 5,
            Suggestions = "none",
            Trajectory =
            [
                new GuiTrajectoryStep { Index = 0, Action = GuiActionKind.Click, TargetLabel = 7, TargetDescription = "button “Order”", Thought = "Open the basket.", ScreenshotAfter = FakePageCapturer.OnePixelPng, UrlAfter = "http://127.0.0.1:9/" },
                new GuiTrajectoryStep { Index = 1, Action = GuiActionKind.Answer, Argument = "YES", Thought = "the basket opened", ScreenshotAfter = FakePageCapturer.OnePixelPng },
            ],
        });
        var components = new WebGenComponents { Sandbox = world.Sandbox, PageCapturer = world.Capturer, ScreenshotJudge = world.Judge, GuiTester = gui };
        var model = FakeChatClient.Scripted(ScriptedWorld.Code(1), ScriptedWorld.Code("throw"), ScriptedWorld.Code(4, gui: 5), ScriptedWorld.Validate, ScriptedWorld.Finish);
        var agent = new WebGenAgent(model, components, new WebGenAgentOptions { RunsDirectory = _temp.Combine("runs"), ErrorLimit = 3 });
        var labels = offline ? new Dictionary<string, string> { [HtmlRunReport.ModeLabel] = "offline", ["model"] = OfflineDemoChatClient.ModelId } : new Dictionary<string, string>();

        var result = await agent.RunAsync(new WebGenRequest { Instruction = Instruction, Labels = labels });

        Assert.That(result.Steps.Select(s => s.Node.Kind), Is.EqualTo(new[] { StepKind.Code, StepKind.Code, StepKind.Code, StepKind.Validate, StepKind.Finish }));
        Assert.That(result.Restarts, Is.EqualTo(1));
        return result;
    }
}
