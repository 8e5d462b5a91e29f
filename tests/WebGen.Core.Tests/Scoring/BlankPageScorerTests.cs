using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace WebGen.Core.Tests.Scoring;

public sealed class BlankPageScorerTests
{
    private readonly BlankPageScorer _scorer = new();

    [Test]
    public void All_white_screenshot_is_a_fatal_blank_page_naming_the_colour()
    {
        var score = _scorer.Score(Captures.Of(TestPng.Solid(200, 150, (255, 255, 255))));

        Assert.That(score.IsFatal, Is.True);
        Assert.That(score.Value, Is.Zero);
        Assert.That(score.Name, Is.EqualTo("blank-page"));
        Assert.That(score.Reason, Does.Contain("blank").And.Contain("100%").And.Contain("#FFFFFF").And.Contain("no text"));
    }

    [Test]
    public void Blank_screenshot_with_page_text_says_the_text_is_invisible()
    {
        var capture = Captures.Of(TestPng.Solid(200, 150, (30, 30, 30))) with { VisibleText = "Welcome to my shop" };

        var score = _scorer.Score(capture);

        Assert.That(score.IsFatal, Is.True);
        Assert.That(score.Reason, Does.Contain("invisible").And.Contain("#1E1E1E"));
    }

    [Test]
    public void Slight_background_noise_still_counts_as_blank()
    {
        // Anti-aliasing-like noise of a few levels must not count as content.
        var png = TestPng.Encode(200, 150, (x, y) => ((byte)(250 + ((x + y) % 3)), (byte)250, (byte)250));

        Assert.That(_scorer.Score(Captures.Of(png)).IsFatal, Is.True);
    }

    [Test]
    public void Nearly_empty_page_gets_a_low_non_fatal_score()
    {
        // A 5x30 px block on a 200x150 page: 0.5% of the pixels differ.
        var png = TestPng.Encode(200, 150, (x, y) => x < 5 && y < 30 ? ((byte)0, (byte)0, (byte)0) : ((byte)255, (byte)255, (byte)255));

        var score = _scorer.Score(Captures.Of(png));

        Assert.That(score.IsFatal, Is.False);
        Assert.That(score.Value, Is.GreaterThan(0).And.LessThan(0.5));
        Assert.That(score.Reason, Does.Contain("nearly empty"));
    }

    [Test]
    public void Page_with_content_passes()
    {
        var score = _scorer.Score(Captures.Of(Captures.ContentPng()));

        Assert.That(score.IsFatal, Is.False);
        Assert.That(score.Value, Is.EqualTo(1));
        Assert.That(score.Reason, Does.Contain("shows content"));
    }

    [Test]
    public void Unreadable_png_is_fatal_with_the_reason()
    {
        var score = _scorer.Score(Captures.Of([0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4]));

        Assert.That(score.IsFatal, Is.True);
        Assert.That(score.Reason, Does.Contain("not a readable PNG"));
    }

    [Test]
    public void Missing_screenshot_is_fatal_and_quotes_the_capture_failure()
    {
        var capture = new PageCapture { Url = new Uri("http://127.0.0.1:1/"), Failure = "net::ERR_CONNECTION_REFUSED" };

        var score = _scorer.Score(capture);

        Assert.That(score.IsFatal, Is.True);
        Assert.That(score.Reason, Does.Contain("ERR_CONNECTION_REFUSED"));
    }

    [Test]
    public async Task ScoreAsync_gives_the_same_result_as_Score()
    {
        var capture = Captures.Of(TestPng.Solid(200, 150, (255, 255, 255)));

        var score = await _scorer.ScoreAsync(new ScreenshotScoringContext { Capture = capture, Instruction = "a shop" });

        Assert.That(score, Is.EqualTo(_scorer.Score(capture)));
    }

    [Test]
    public void Thresholds_that_contradict_each_other_are_rejected_naming_the_options()
    {
        var options = Options.Create(new ScreenshotPreCheckOptions { BlankDominantShare = 0.9, NearUniformDominantShare = 0.95 });

        var ex = Assert.Throws<ValidationException>(() => _ = new BlankPageScorer(options));

        Assert.That(ex!.Message, Does.Contain(nameof(ScreenshotPreCheckOptions.NearUniformDominantShare)));
    }

    [Test]
    public void Out_of_range_threshold_is_rejected()
    {
        var options = Options.Create(new ScreenshotPreCheckOptions { IgnoredColourBits = 9 });

        var ex = Assert.Throws<ValidationException>(() => _ = new BlankPageScorer(options));

        Assert.That(ex!.Message, Does.Contain(nameof(ScreenshotPreCheckOptions.IgnoredColourBits)));
    }
}
