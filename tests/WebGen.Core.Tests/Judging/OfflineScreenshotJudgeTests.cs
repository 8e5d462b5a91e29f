using WebGen.Core.Tests.Scoring;

namespace WebGen.Core.Tests.Judging;

public sealed class OfflineScreenshotJudgeTests
{
    private readonly OfflineScreenshotJudge _judge = new();

    [Test]
    public async Task Clean_page_gets_4_at_most_and_says_why()
    {
        var capture = Captures.Of(Captures.ContentPng()) with { Title = "Sweet Crumbs", VisibleText = "Fresh bread daily", DocumentScrollWidth = 200, AccessibilityViolations = [] };

        var judgement = await _judge.JudgeAsync(new ScreenshotJudgeRequest { Capture = capture, Instruction = "a bakery" });

        Assert.That(judgement.Grade, Is.EqualTo(4));
        Assert.That(judgement.IsError, Is.False);
        Assert.That(judgement.GradeReason, Does.Contain("no vision model").And.Contain("5 of 5"));
        Assert.That(judgement.Description, Does.Contain("Sweet Crumbs").And.Contain("Fresh bread daily"));
        Assert.That(judgement.Failure, Is.Null);
    }

    [Test]
    public async Task Blank_page_gets_0_and_an_error()
    {
        var capture = Captures.Of(TestPng.Solid(200, 150, (255, 255, 255)));

        var judgement = await _judge.JudgeAsync(new ScreenshotJudgeRequest { Capture = capture, Instruction = "a bakery" });

        Assert.That(judgement.Grade, Is.Zero);
        Assert.That(judgement.IsError, Is.True);
        Assert.That(judgement.ErrorMessage, Does.Contain("blank"));
    }

    [Test]
    public async Task Error_overlay_gets_1()
    {
        var capture = Captures.Of(Captures.ContentPng()) with { ErrorOverlayText = "Failed to resolve import \"./Menu\"" };

        var judgement = await _judge.JudgeAsync(new ScreenshotJudgeRequest { Capture = capture, Instruction = "a bakery" });

        Assert.That(judgement.Grade, Is.EqualTo(1));
        Assert.That(judgement.ErrorMessage, Does.Contain("Failed to resolve import"));
    }

    [Test]
    public async Task Given_pre_check_scores_are_used_and_lower_the_grade()
    {
        var capture = Captures.Of(Captures.ContentPng());
        ScreenshotScore[] scores =
        [
            new() { Name = "color-contrast", Value = 0.2, Reason = "low contrast" },
            new() { Name = "horizontal-overflow", Value = 0.3, Reason = "overflows" },
        ];

        var judgement = await _judge.JudgeAsync(new ScreenshotJudgeRequest { Capture = capture, Instruction = "a bakery", PreCheckScores = scores });

        Assert.That(judgement.Grade, Is.EqualTo(3)); // 2 + 2 * 0.25 = 2.5, rounded up
        Assert.That(judgement.Suggestions, Does.Contain("- low contrast").And.Contain("- overflows"));
    }
}
