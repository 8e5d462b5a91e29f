using WebGen.Testing;

namespace WebGen.Playwright.Tests.GuiTesting;

public sealed class SmokeGuiTesterTests
{
    private const string Mixed =
        """
        <!doctype html><html lang="en"><head><title>Mixed</title></head><body><main>
          <button onclick="fetch('/api/ok'); this.textContent = 'Saved'">Save</button>
          <button onclick="undefinedFunction()">Delete</button>
          <a href="/missing.html">Broken link</a>
          <a href="/about.html">About</a>
          <a href="https://example.com/">External</a>
          <button disabled>Disabled</button>
          <button style="display:none">Hidden</button>
        </main></body></html>
        """;

    private const string Clean =
        """
        <!doctype html><html lang="en"><head><title>Clean</title></head><body><main>
          <button onclick="this.textContent = 'Thanks'">Like</button><a href="/about.html">About</a>
        </main></body></html>
        """;

    private StaticSiteServer _site = null!;

    [OneTimeSetUp]
    public async Task StartSite() => _site = await StaticSiteServer.StartAsync(new Dictionary<string, string>
    {
        ["/mixed.html"] = Mixed,
        ["/clean.html"] = Clean,
        ["/about.html"] = "<!doctype html><html lang=\"en\"><title>About</title><body><h1>About</h1></body></html>",
        ["/api/ok"] = "{}",
        ["/empty.html"] = "<!doctype html><html lang=\"en\"><title>Empty</title><body><p>Nothing here</p></body></html>",
    });

    [OneTimeTearDown]
    public async Task StopSite() => await _site.DisposeAsync();

    private static Task<GuiTestResult> Test(Uri url) =>
        new SmokeGuiTester(BrowserFixture.Browser).TestAsync(new GuiTestRequest { Url = url, TestInstruction = SmokeGuiTester.FixedInstruction, UserInstruction = "a site" });

    [Test]
    public async Task Plan_is_fixed_and_needs_no_model()
    {
        var plan = await new SmokeGuiTester(BrowserFixture.Browser).PlanAsync("a bakery");

        Assert.That(plan.Instruction, Is.EqualTo(SmokeGuiTester.FixedInstruction));
        Assert.That(plan.IsFallback, Is.False);
        Assert.That(plan.Usage, Is.Null);
    }

    [Test]
    public async Task Clicks_every_visible_button_and_link_and_records_what_broke()
    {
        var result = await Test(_site.Url("/mixed.html"));

        Assert.That(result.Failure, Is.Null);
        Assert.That(result.Trajectory.Select(s => s.TargetDescription), Is.EqualTo(new[]
        {
            "<button> \"Save\"", "<button> \"Delete\"", "<a> \"Broken link\"", "<a> \"About\"",
        }));
        Assert.That(result.Trajectory[0].Error, Is.Null);
        Assert.That(result.Trajectory[1].Error, Does.Contain("uncaught error").And.Contain("undefinedFunction"));
        Assert.That(result.Trajectory[2].Error, Does.Contain("HTTP 404"));
        Assert.That(result.Trajectory[3].Error, Is.Null);
        Assert.That(result.Trajectory[3].UrlAfter, Does.EndWith("/about.html"));
        Assert.That(_site.RequestedPaths, Does.Contain("/api/ok"));
        Assert.That(result.Verdict, Is.EqualTo(GuiVerdict.Partial));
        Assert.That(result.Grade, Is.EqualTo(3));
        Assert.That(result.Passed, Is.False);
        Assert.That(result.FinalAnswer, Does.StartWith("PARTIAL: 2 of 4"));
        Assert.That(result.Suggestions, Does.Contain("Delete").And.Contain("External").And.Contain("(disabled)"));
    }

    [Test]
    public async Task A_site_whose_clicks_all_work_passes_with_grade_5()
    {
        var result = await Test(_site.Url("/clean.html"));

        Assert.That(result.Verdict, Is.EqualTo(GuiVerdict.Yes));
        Assert.That(result.Passed, Is.True);
        Assert.That(result.Grade, Is.EqualTo(5));
        Assert.That(result.Trajectory, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_page_with_nothing_to_click_is_partial()
    {
        var result = await Test(_site.Url("/empty.html"));

        Assert.That(result.Verdict, Is.EqualTo(GuiVerdict.Partial));
        Assert.That(result.Grade, Is.EqualTo(2));
        Assert.That(result.Suggestions, Does.Contain("no visible buttons or links"));
    }

    [Test]
    public async Task Unreachable_site_is_a_failure_with_grade_0()
    {
        var result = await Test(new Uri($"http://127.0.0.1:{FreePort.Get()}/"));

        Assert.That(result.Grade, Is.Zero);
        Assert.That(result.Failure, Does.Contain("could not be opened"));
    }
}
