namespace WebGen.Core.Tests.Selection;

public sealed class ReferenceStepSelectorTests
{
    private static StepNode Node(int step, int screenshot, int gui = 0, bool error = false) =>
        new() { Step = step, Kind = StepKind.Code, ScreenshotGrade = screenshot, GuiGrade = gui, HasError = error };

    [Test]
    public void Gui_grade_ranks_first()
    {
        var best = new ReferenceStepSelector().SelectBest([Node(1, 5, gui: 3), Node(2, 3, gui: 4), Node(3, 4, gui: 2)]);

        Assert.That(best!.Node.Step, Is.EqualTo(2));
        Assert.That(best.IsValid, Is.True);
    }

    [Test]
    public void Screenshot_grade_breaks_gui_ties()
    {
        var best = new ReferenceStepSelector().SelectBest([Node(1, 3, gui: 4), Node(2, 5, gui: 4), Node(3, 4, gui: 4)]);

        Assert.That(best!.Node.Step, Is.EqualTo(2));
    }

    [Test]
    public void The_latest_step_breaks_full_ties()
    {
        var best = new ReferenceStepSelector().SelectBest([Node(1, 4, gui: 4), Node(2, 4, gui: 4), Node(3, 3, gui: 4)]);

        Assert.That(best!.Node.Step, Is.EqualTo(2));
    }

    [Test]
    public void Steps_with_errors_or_low_grades_are_not_candidates_when_a_valid_one_exists()
    {
        var best = new ReferenceStepSelector().SelectBest([Node(1, 3), Node(2, 5, gui: 5, error: true), Node(3, 2, gui: 5)]);

        Assert.That(best!.Node.Step, Is.EqualTo(1));
        Assert.That(best.Reason, Does.Contain("screenshot grade ≥ 3 and no error"));
    }

    [Test]
    public void All_steps_are_ranked_when_none_is_valid_and_the_selection_is_marked_invalid()
    {
        var best = new ReferenceStepSelector().SelectBest([Node(1, 1, gui: 1), Node(2, 5, error: true), Node(3, 2, gui: 1)]);

        Assert.That(best!.Node.Step, Is.EqualTo(3));
        Assert.That(best.IsValid, Is.False);
        Assert.That(best.Reason, Does.Contain("all steps were ranked"));
    }

    [Test]
    public void No_steps_select_nothing()
    {
        Assert.That(new ReferenceStepSelector().SelectBest([]), Is.Null);
    }
}
