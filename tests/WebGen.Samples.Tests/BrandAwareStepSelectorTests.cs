using WebGen.Samples.BrandColours;

namespace WebGen.Samples.Tests;

public sealed class BrandAwareStepSelectorTests
{
    private static StepNode Node(int step, int screenshot, int gui = 0, double? brand = null, bool error = false) => new()
    {
        Step = step,
        Parent = step > 1 ? step - 1 : null,
        Kind = StepKind.Code,
        ScreenshotGrade = screenshot,
        GuiGrade = gui,
        HasError = error,
        Scores = brand is { } value ? [new ScreenshotScore { Name = BrandColourScorer.ScoreName, Value = value, Reason = "test" }] : [],
    };

    [Test]
    public void The_brand_score_outweighs_the_reference_preference_for_the_later_step()
    {
        var nodes = new[] { Node(1, screenshot: 4, brand: 1), Node(2, screenshot: 4, brand: 0) };

        var selection = new BrandAwareStepSelector().SelectBest(nodes)!;

        Assert.That(new ReferenceStepSelector().SelectBest(nodes)!.Node.Step, Is.EqualTo(2));
        Assert.That(selection.Node.Step, Is.EqualTo(1));
        Assert.That(selection.IsValid, Is.True);
        Assert.That(selection.Reason, Does.Contain("GUI 0 + screenshot 4 + 2 × brand 1.00 = 6.00"));
        Assert.That(selection.Reason, Does.Contain("the reference ranking alone would choose step 2"));
    }

    [Test]
    public void The_weight_sets_how_many_grade_points_the_brand_is_worth()
    {
        var nodes = new[] { Node(1, screenshot: 3, brand: 1), Node(2, screenshot: 5, brand: 0) };

        Assert.That(new BrandAwareStepSelector(brandWeight: 2).SelectBest(nodes)!.Node.Step, Is.EqualTo(2), "3 + 2 equals 5 + 0: the tie goes to the reference order");
        Assert.That(new BrandAwareStepSelector(brandWeight: 2.5).SelectBest(nodes)!.Node.Step, Is.EqualTo(1));
        Assert.That(new BrandAwareStepSelector(brandWeight: 1).SelectBest(nodes)!.Node.Step, Is.EqualTo(2));
    }

    [Test]
    public void Ties_go_to_the_reference_ranking_higher_GUI_grade_first()
    {
        var nodes = new[] { Node(1, screenshot: 3, gui: 5, brand: 0.5), Node(2, screenshot: 5, gui: 3, brand: 0.5) };

        var selection = new BrandAwareStepSelector().SelectBest(nodes)!;

        Assert.That(selection.Node.Step, Is.EqualTo(1));
        Assert.That(selection.Reason, Does.Contain("the reference ranking agrees"));
    }

    [Test]
    public void Only_steps_valid_under_the_reference_rule_compete_while_there_are_any()
    {
        var nodes = new[] { Node(1, screenshot: 5, brand: 1, error: true), Node(2, screenshot: 2, brand: 1), Node(3, screenshot: 3, brand: 0) };

        var selection = new BrandAwareStepSelector().SelectBest(nodes)!;
        var invalidOnly = new BrandAwareStepSelector().SelectBest([Node(1, screenshot: 2, brand: 0), Node(2, screenshot: 1, brand: 1)])!;

        Assert.That(selection.Node.Step, Is.EqualTo(3));
        Assert.That(selection.IsValid, Is.True);
        Assert.That(invalidOnly.Node.Step, Is.EqualTo(2), "2 + 0 < 1 + 2");
        Assert.That(invalidOnly.IsValid, Is.False);
        Assert.That(invalidOnly.Reason, Does.Contain("no step had screenshot grade ≥ 3 and no error"));
    }

    [Test]
    public void A_step_without_a_brand_score_counts_as_0_and_no_steps_select_nothing()
    {
        var selector = new BrandAwareStepSelector();

        Assert.That(selector.BrandScore(Node(1, screenshot: 4)), Is.Zero);
        Assert.That(selector.Value(Node(1, screenshot: 4, gui: 2, brand: 0.5)), Is.EqualTo(7));
        Assert.That(selector.SelectBest([]), Is.Null);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new BrandAwareStepSelector(brandWeight: -1));
    }
}
