namespace WebGen.Core.Tests.Scoring;

public sealed class LayoutAndAccessibilityScorerTests
{
    private readonly PageCapture _capture = Captures.Of(Captures.ContentPng(), width: 1024, height: 768);

    [Test]
    public void Content_wider_than_the_viewport_is_reported_with_its_overflow()
    {
        var score = new HorizontalOverflowScorer().Score(_capture with { DocumentScrollWidth = 1400 });

        Assert.That(score.IsFatal, Is.False);
        Assert.That(score.Value, Is.EqualTo(1 - (376.0 / 1024)).Within(0.001));
        Assert.That(score.Reason, Does.Contain("1400 px").And.Contain("376 px"));
    }

    [Test]
    public void Page_that_fits_the_viewport_passes_the_overflow_check()
    {
        var score = new HorizontalOverflowScorer().Score(_capture with { DocumentScrollWidth = 1024 });

        Assert.That(score.Value, Is.EqualTo(1));
    }

    [Test]
    public void Unmeasured_width_is_not_held_against_the_page()
    {
        var score = new HorizontalOverflowScorer().Score(_capture with { DocumentScrollWidth = null });

        Assert.That(score.Value, Is.EqualTo(1));
        Assert.That(score.Reason, Does.StartWith("Not measured"));
    }

    [Test]
    public void Low_contrast_elements_lower_the_contrast_score_and_are_named()
    {
        var capture = _capture with
        {
            AccessibilityViolations =
            [
                new AccessibilityViolation { RuleId = "color-contrast", Impact = "serious", NodeCount = 4, Targets = ["p.faint", "a.nav-link"] },
            ],
        };

        var score = new ColorContrastScorer().Score(capture);

        Assert.That(score.Name, Is.EqualTo("color-contrast"));
        Assert.That(score.Value, Is.EqualTo(0.5));
        Assert.That(score.IsFatal, Is.False);
        Assert.That(score.Reason, Does.Contain("4 elements have").And.Contain("p.faint").And.Contain("4.5:1"));
    }

    [Test]
    public void Contrast_passes_when_the_audit_found_no_contrast_violation()
    {
        var capture = _capture with { AccessibilityViolations = [new AccessibilityViolation { RuleId = "image-alt", Impact = "critical", NodeCount = 1 }] };

        Assert.That(new ColorContrastScorer().Score(capture).Value, Is.EqualTo(1));
    }

    [Test]
    public void Without_an_audit_both_accessibility_scorers_say_not_measured()
    {
        Assert.That(new ColorContrastScorer().Score(_capture).Reason, Does.StartWith("Not measured"));
        Assert.That(new AccessibilityScorer().Score(_capture).Reason, Does.StartWith("Not measured"));
    }

    [Test]
    public void Accessibility_score_costs_each_rule_by_impact_and_leaves_contrast_to_its_own_scorer()
    {
        var capture = _capture with
        {
            AccessibilityViolations =
            [
                new AccessibilityViolation { RuleId = "color-contrast", Impact = "serious", NodeCount = 3 },
                new AccessibilityViolation { RuleId = "label", Impact = "serious", NodeCount = 2, Description = "Form elements must have labels" },
                new AccessibilityViolation { RuleId = "image-alt", Impact = "critical", NodeCount = 1, Description = "Images must have alternative text" },
            ],
        };

        var score = new AccessibilityScorer().Score(capture);

        Assert.That(score.Value, Is.EqualTo(1 - 0.2 - 0.12).Within(0.0001));
        Assert.That(score.Reason, Does.Contain("2 violated rules").And.StartWith("The accessibility audit found 2 violated rules: image-alt (critical"));
        Assert.That(score.Reason, Does.Not.Contain("color-contrast"));
    }

    [Test]
    public void Default_pre_checks_run_in_the_documented_order()
    {
        var names = ScreenshotPreChecks.CreateDefault().Select(s => s.GetType().Name);

        Assert.That(names, Is.EqualTo(new[] { "RuntimeErrorScorer", "BlankPageScorer", "HorizontalOverflowScorer", "ColorContrastScorer", "AccessibilityScorer" }));
    }
}
