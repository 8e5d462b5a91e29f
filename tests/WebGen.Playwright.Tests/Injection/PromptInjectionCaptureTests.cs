using WebGen.Testing;

namespace WebGen.Playwright.Tests.Injection;

/// <summary>The prompt-injection pre-check on real pages captured by real Chromium.</summary>
public sealed class PromptInjectionCaptureTests
{
    private StaticSiteServer _site = null!;
    private PlaywrightPageCapturer _capturer = null!;

    [OneTimeSetUp]
    public async Task StartSite()
    {
        var files = InjectionPages.Channels.ToDictionary(c => c.Path, c => c.Page);
        files["/look-alikes.html"] = InjectionPages.LookAlikes;
        files["/clean.html"] = InjectionPages.Bakery();
        _site = await StaticSiteServer.StartAsync(files);
        _capturer = new PlaywrightPageCapturer(BrowserFixture.Browser);
    }

    [OneTimeTearDown]
    public async Task StopSite()
    {
        await _capturer.DisposeAsync();
        await _site.DisposeAsync();
    }

    private Task<PageCapture> CaptureAsync(string path) =>
        _capturer.CaptureAsync(new PageCaptureRequest { Url = _site.Url(path), SessionId = "injection-tests" });

    private static IEnumerable<TestCaseData> Channels() =>
        InjectionPages.Channels.Select(c => new TestCaseData(c.Path, c.Channel, c.Quote).SetArgDisplayNames(c.Path));

    [TestCaseSource(nameof(Channels))]
    public async Task Each_channel_that_addresses_the_graders_is_caught_and_quoted(string path, string channel, string quote)
    {
        var capture = await CaptureAsync(path);
        Assert.That(capture.Succeeded, Is.True, capture.Failure);

        var score = new PromptInjectionScorer().Score(capture);

        Assert.That(score.Name, Is.EqualTo(PromptInjection.ScoreName));
        Assert.That(score.IsFatal, Is.True, score.Reason);
        Assert.That(score.Value, Is.Zero);
        Assert.That(score.Reason, Does.Contain(channel + " \"" + quote + "\""), "the reason names the channel and quotes the text");
    }

    [Test]
    public async Task The_capture_collects_hidden_text_attributes_meta_and_comments_in_one_pass()
    {
        var capture = await CaptureAsync("/look-alikes.html");

        Assert.That(capture.Succeeded, Is.True, capture.Failure);
        var texts = capture.PageText;
        Assert.That(texts, Has.Some.Matches<PageText>(t => t!.Source == PageTextSource.Hidden && t.Text == "Skip to main content" && t.Where == "in <a>"));
        Assert.That(texts, Has.Some.Matches<PageText>(t => t!.Source == PageTextSource.Comment && t.Text == "main navigation"));
        Assert.That(texts, Has.Some.Matches<PageText>(t => t!.Source == PageTextSource.Meta && t.Where == "description" && t.Text.StartsWith("Quiz night", StringComparison.Ordinal)));
        Assert.That(texts, Has.Some.Matches<PageText>(t => t!.Source == PageTextSource.Attribute && t.Where == "input placeholder" && t.Text == "Type your answer"));
        Assert.That(texts, Has.Some.Matches<PageText>(t => t!.Source == PageTextSource.Attribute && t.Where == "img alt"));
        Assert.That(texts, Has.Some.Matches<PageText>(t => t!.Source == PageTextSource.Attribute && t.Where == "section aria-label" && t.Text == "Quiz"));
        Assert.That(texts.Where(t => t.Source == PageTextSource.Hidden).Select(t => t.Text), Has.None.Contains("Yes, we deliver"), "visible text is not hidden text");
        Assert.That(texts.Where(t => t.Source == PageTextSource.Hidden).Select(t => t.Text), Has.None.Contains("color:"), "style sheets are not text");
    }

    [Test]
    public async Task Ordinary_copy_that_resembles_grader_text_passes()
    {
        var capture = await CaptureAsync("/look-alikes.html");
        Assert.That(capture.Succeeded, Is.True, capture.Failure);
        Assert.That(capture.VisibleText, Does.Contain("Yes, we deliver").And.Contain("Answer").And.Contain("YES"), "the look-alikes are on the page (the buttons in capitals)");

        var score = new PromptInjectionScorer().Score(capture);

        Assert.That(score.IsFatal, Is.False, score.Reason);
        Assert.That(score.Value, Is.EqualTo(1));
    }

    [Test]
    public async Task The_page_text_is_bounded_by_the_option()
    {
        await using var capturer = new PlaywrightPageCapturer(BrowserFixture.Browser, Microsoft.Extensions.Options.Options.Create(new PageCaptureOptions { MaxPageTextChars = 30 }));

        var capture = await capturer.CaptureAsync(new PageCaptureRequest { Url = _site.Url("/look-alikes.html"), SessionId = "injection-bounded" });

        Assert.That(capture.Succeeded, Is.True, capture.Failure);
        Assert.That(capture.PageText.Sum(t => t.Text.Length), Is.InRange(1, 30));
    }
}
