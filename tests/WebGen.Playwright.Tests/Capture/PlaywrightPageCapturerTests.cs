using StbImageSharp;
using WebGen.Testing;

namespace WebGen.Playwright.Tests.Capture;

public sealed class PlaywrightPageCapturerTests
{
    private StaticSiteServer _site = null!;
    private PlaywrightPageCapturer _capturer = null!;

    [OneTimeSetUp]
    public async Task StartSite()
    {
        _site = await StaticSiteServer.StartAsync(new Dictionary<string, string>
        {
            ["/index.html"] = Pages.Content,
            ["/blank.html"] = Pages.Blank,
            ["/errors.html"] = Pages.Errors,
            ["/low-contrast.html"] = Pages.LowContrast,
            ["/axe.html"] = Pages.AxeViolations,
            ["/pixel.svg"] = Pages.Pixel,
            ["/overflow.html"] = Pages.Overflow,
            ["/tall.html"] = Pages.Tall,
            ["/storage.html"] = Pages.Storage,
            ["/slow.html"] = Pages.SlowFetch,
            ["/self-reload.html"] = SelfReloadingPage,
        });
        _site.SetFile("/slow.json", "{\"items\": 42}", delay: TimeSpan.FromMilliseconds(700));
        _capturer = new PlaywrightPageCapturer(BrowserFixture.Browser);
    }

    [OneTimeTearDown]
    public async Task StopSite()
    {
        await _capturer.DisposeAsync();
        await _site.DisposeAsync();
    }

    private Task<PageCapture> CaptureAsync(string path, string session = "capture-tests", bool fullPage = false, int width = 1024, int height = 768) =>
        _capturer.CaptureAsync(new PageCaptureRequest { Url = _site.Url(path), SessionId = session, FullPage = fullPage, ViewportWidth = width, ViewportHeight = height });

    [Test]
    public async Task Screenshot_is_a_1024x768_png_showing_the_page()
    {
        var capture = await CaptureAsync("/");

        Assert.That(capture.Succeeded, Is.True, capture.Failure);
        Assert.That((capture.Width, capture.Height), Is.EqualTo((1024, 768)));
        var image = ImageResult.FromMemory(capture.Png.ToArray(), ColorComponents.RedGreenBlue);
        Assert.That((image.Width, image.Height), Is.EqualTo((1024, 768)));
        Assert.That(Pixel(image, 1000, 10), Is.EqualTo((200, 30, 30)), "the red header is painted at the top");
        Assert.That(Pixel(image, 1000, 700), Is.EqualTo((255, 255, 255)), "the body below is white");
        Assert.That(capture.HttpStatus, Is.EqualTo(200));
        Assert.That(capture.Title, Is.EqualTo("Sweet Crumbs"));
        Assert.That(capture.VisibleText, Does.Contain("Fresh bread every morning."));
        Assert.That(capture.AccessibilitySnapshot, Does.Contain("heading \"Sweet Crumbs Bakery\"").And.Contain("button \"Order now\""));
        Assert.That(capture.DocumentScrollWidth, Is.EqualTo(1024));
        Assert.That(capture.ViewportWidth, Is.EqualTo(1024));
        Assert.That(capture.ConsoleErrors, Is.Empty);
        Assert.That(capture.PageErrors, Is.Empty);
        Assert.That(capture.BlockedRequests, Is.Empty);
        Assert.That(capture.ErrorOverlayText, Is.Null);
        Assert.That(capture.Duration, Is.GreaterThan(TimeSpan.Zero));
    }

    /// <summary>
    /// Like a dev page whose server pushes a reload in the middle of the capture (Vite's dependency optimiser, a late
    /// file event): on its first load the page reloads itself the moment the accessibility audit starts.
    /// </summary>
    private const string SelfReloadingPage = """
        <!doctype html><html><head><title>Reloading</title></head><body><p id="state">Optimising dependencies…</p>
        <script>
          if (sessionStorage.getItem('reloaded')) {
            document.getElementById('state').textContent = 'Loaded after the reload.';
          } else if (window.axe) {
            window.axe.run = () => { sessionStorage.setItem('reloaded', '1'); location.reload(); return new Promise(() => {}); };
          }
        </script></body></html>
        """;

    [Test]
    public async Task A_page_that_reloads_itself_after_loading_is_captured_after_the_reload()
    {
        var capture = await CaptureAsync("/self-reload.html", session: "self-reload");

        Assert.That(capture.Succeeded, Is.True, capture.Failure);
        Assert.That(capture.VisibleText, Does.Contain("Loaded after the reload."));
        Assert.That(capture.PageErrors, Is.Empty);
    }

    [Test]
    public async Task Console_errors_page_errors_failed_and_blocked_requests_are_recorded()
    {
        var capture = await CaptureAsync("/errors.html");

        Assert.That(capture.Succeeded, Is.True, capture.Failure);
        Assert.That(capture.ConsoleErrors, Has.Some.Contains("boom-console"));
        Assert.That(capture.PageErrors, Has.Some.Contains("boom-page"));
        Assert.That(capture.FailedRequests, Has.Some.Contains("/missing.json").And.Some.Contains("404"));
        Assert.That(capture.BlockedRequests, Has.Some.Contains("https://cdn.example.com/logo.png"));
        Assert.That(capture.BlockedRequests, Has.Some.Contains("https://api.example.org/data"));
        Assert.That(capture.ConsoleErrors, Has.None.Contains("Failed to load resource"), "network failures are recorded once, as requests");
    }

    [Test]
    public async Task Another_server_on_loopback_is_out_of_reach_and_its_requests_are_recorded_as_blocked()
    {
        // Another port on 127.0.0.1 is another origin: another episode's dev server, or one of the host's services.
        await using var other = await StaticSiteServer.StartAsync(new Dictionary<string, string> { ["/secret.json"] = "{}" });
        var sameServerOtherName = $"http://localhost:{_site.BaseUrl.Port}/index.html";
        _site.SetFile("/reach.html", $$"""
            <!doctype html><html><head><title>Reach</title></head><body><p id="out">waiting</p>
            <script>
              Promise.allSettled([fetch('{{other.Url("/secret.json")}}'), fetch('{{sameServerOtherName}}'), fetch('/pixel.svg')])
                .then(r => document.getElementById('out').textContent = r.map(x => x.status).join(' '));
            </script></body></html>
            """);

        var capture = await CaptureAsync("/reach.html", session: "reach");

        Assert.That(capture.Succeeded, Is.True, capture.Failure);
        Assert.That(capture.VisibleText, Does.Contain("rejected rejected fulfilled"));
        Assert.That(other.RequestedPaths, Is.Empty, "nothing reached the other server");
        Assert.That(capture.BlockedRequests, Has.Some.Contains(other.Url("/secret.json").ToString()));
        Assert.That(capture.BlockedRequests, Has.Some.Contains(sameServerOtherName));
        Assert.That(capture.FailedRequests, Is.Empty, "blocked requests are not the site's failures");
    }

    [Test]
    public async Task The_next_capture_of_a_session_loads_cached_assets_from_the_browser_cache()
    {
        // Restricting origins must not switch the browser's cache off (request interception does): a dev server's
        // pre-bundled dependencies are immutable, and fetching them again every step costs most of a capture.
        _site.SetFile("/cached.js", "document.getElementById('out').textContent = 'script ran';", cacheControl: "max-age=3600, immutable");
        _site.SetFile("/cached.html", """
            <!doctype html><html><head><title>Cached</title></head><body><p id="out">waiting</p>
            <script src="/cached.js"></script></body></html>
            """);

        var first = await CaptureAsync("/cached.html", session: "cache");
        var second = await CaptureAsync("/cached.html", session: "cache");

        Assert.That(first.VisibleText, Does.Contain("script ran"));
        Assert.That(second.VisibleText, Does.Contain("script ran"));
        Assert.That(_site.RequestedPaths.Count(p => p == "/cached.html"), Is.EqualTo(2), "the page itself is not cacheable");
        Assert.That(_site.RequestedPaths.Count(p => p == "/cached.js"), Is.EqualTo(1), "the immutable script came from the cache the second time");
    }

    [Test]
    public async Task Blank_page_is_caught_by_the_blank_page_pre_check()
    {
        var capture = await CaptureAsync("/blank.html");

        var score = new BlankPageScorer().Score(capture);

        Assert.That(capture.Succeeded, Is.True, capture.Failure);
        Assert.That(score.IsFatal, Is.True, score.Reason);
        Assert.That(score.Reason, Does.Contain("#FFFFFF"));
    }

    [Test]
    public async Task Content_page_passes_every_pre_check()
    {
        var capture = await CaptureAsync("/");
        var context = new ScreenshotScoringContext { Capture = capture, Instruction = "a bakery" };

        foreach (var scorer in ScreenshotPreChecks.CreateDefault())
        {
            var score = await scorer.ScoreAsync(context);
            Assert.That(score.Value, Is.EqualTo(1), $"{score.Name}: {score.Reason}");
        }
    }

    [Test]
    public async Task Low_contrast_text_is_found_by_axe_and_scored_down()
    {
        var capture = await CaptureAsync("/low-contrast.html");

        var contrast = capture.AccessibilityViolations!.Single(v => v.RuleId == "color-contrast");
        Assert.That(contrast.NodeCount, Is.EqualTo(2));
        Assert.That(contrast.Targets, Is.EqualTo(new[] { "p:nth-child(2)", "p:nth-child(3)" }), "the two faint paragraphs, not the heading");
        var score = new ColorContrastScorer().Score(capture);
        Assert.That(score.Value, Is.LessThan(1));
        Assert.That(score.Reason, Does.Contain("2 elements have"));
    }

    [Test]
    public async Task Axe_reports_the_violations_a_page_was_built_to_have()
    {
        var capture = await CaptureAsync("/axe.html");

        var rules = capture.AccessibilityViolations!.Select(v => v.RuleId).ToList();
        Assert.That(rules, Is.SupersetOf(new[] { "image-alt", "label", "html-has-lang", "link-name" }));
        Assert.That(capture.AccessibilityViolations!.Single(v => v.RuleId == "image-alt").Impact, Is.EqualTo("critical"));
        var score = new AccessibilityScorer().Score(capture);
        Assert.That(score.Value, Is.LessThan(0.5), score.Reason);
    }

    [Test]
    public async Task Audit_can_be_turned_off_per_request()
    {
        var capture = await _capturer.CaptureAsync(new PageCaptureRequest { Url = _site.Url("/axe.html"), SessionId = "no-audit", AuditAccessibility = false });
        await _capturer.EndSessionAsync("no-audit");

        Assert.That(capture.AccessibilityViolations, Is.Null);
    }

    [Test]
    public async Task Horizontal_overflow_is_measured()
    {
        var capture = await CaptureAsync("/overflow.html");

        Assert.That(capture.DocumentScrollWidth, Is.EqualTo(1500));
        Assert.That(new HorizontalOverflowScorer().Score(capture).Reason, Does.Contain("476 px"));
    }

    [Test]
    public async Task Full_page_and_other_viewports_are_honoured()
    {
        var full = await CaptureAsync("/tall.html", session: "full", fullPage: true);
        var small = await CaptureAsync("/tall.html", session: "full", width: 800, height: 600);
        await _capturer.EndSessionAsync("full");

        Assert.That((full.Width, full.Height), Is.EqualTo((1024, 2000)));
        Assert.That((small.Width, small.Height), Is.EqualTo((800, 600)));
        Assert.That(small.ViewportWidth, Is.EqualTo(800));
    }

    [Test]
    public async Task Data_fetched_after_load_is_on_the_screenshot()
    {
        var capture = await CaptureAsync("/slow.html");

        Assert.That(capture.VisibleText, Does.Contain("loaded 42"));
    }

    [Test]
    public async Task Sessions_keep_their_own_storage_and_end_cleanly()
    {
        var first = await CaptureAsync("/storage.html", session: "a");
        var second = await CaptureAsync("/storage.html", session: "a");
        var other = await CaptureAsync("/storage.html", session: "b");
        await _capturer.EndSessionAsync("a");
        var afterEnd = await CaptureAsync("/storage.html", session: "a");
        await _capturer.EndSessionAsync("a");
        await _capturer.EndSessionAsync("b");

        Assert.That(first.VisibleText, Does.Contain("visits before: 0"));
        Assert.That(second.VisibleText, Does.Contain("visits before: 1"), "the same session keeps its storage");
        Assert.That(other.VisibleText, Does.Contain("visits before: 0"), "another session is isolated");
        Assert.That(afterEnd.VisibleText, Does.Contain("visits before: 0"), "an ended session starts fresh");
    }

    [Test]
    public async Task Unreachable_site_is_a_recorded_failure_not_an_exception()
    {
        var port = FreePort.Get();
        var capture = await _capturer.CaptureAsync(new PageCaptureRequest { Url = new Uri($"http://127.0.0.1:{port}/"), SessionId = "down" });
        await _capturer.EndSessionAsync("down");

        Assert.That(capture.Succeeded, Is.False);
        Assert.That(capture.Failure, Does.Contain("ERR_CONNECTION_REFUSED"));
        Assert.That(capture.Png.IsEmpty, Is.True);
    }

    [Test]
    public async Task Non_http_urls_are_rejected_with_a_clear_error()
    {
        var request = new PageCaptureRequest { Url = new Uri("file:///etc/passwd") };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _capturer.CaptureAsync(request));

        Assert.That(ex!.Message, Does.Contain("absolute http(s) address"));
    }

    [Test]
    public async Task Each_capture_is_traced_on_the_package_activity_source()
    {
        var activities = new List<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == PlaywrightTelemetry.Name,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Add,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);

        await CaptureAsync("/errors.html", session: "traced");
        await _capturer.EndSessionAsync("traced");

        var activity = activities.Single(a => a.OperationName == "webgen.playwright.capture");
        Assert.That(activity.GetTagItem("url.full"), Is.EqualTo(_site.Url("/errors.html").ToString()));
        Assert.That(activity.GetTagItem("webgen.capture.page_errors"), Is.EqualTo(1));
        Assert.That(activity.GetTagItem("webgen.capture.blocked_requests"), Is.EqualTo(2));
    }

    private static (int, int, int) Pixel(ImageResult image, int x, int y)
    {
        var i = ((y * image.Width) + x) * 3;
        return (image.Data[i], image.Data[i + 1], image.Data[i + 2]);
    }
}
