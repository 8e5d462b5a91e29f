namespace WebGen.Training.Tests;

public sealed class StepGrpoRewardAdapterTests
{
    private static readonly StepGrpoRewardAdapter Adapter = StepGrpoRewardAdapter.Reference;

    [Test]
    public void Gui_grade_of_a_validation_is_credited_to_the_code_step_and_inherited_by_validate_and_finish()
    {
        var rewards = Adapter.ComputeRewards([Steps.Code(1, null, 4), Steps.Validate(2, 1, 3), Steps.Finish(3, 2)]);

        Assert.That(Steps.Values(rewards), Is.EqualTo(new[] { 7.0, 7, 7 }));
        Assert.That(rewards.Select(r => r.InheritedFromStep), Is.EqualTo(new int?[] { null, 1, 1 }));
        Assert.That(rewards[0].Reason, Does.Contain("screenshot 4").And.Contain("GUI 3 (validated at step 2)"));
        Assert.That(rewards.Any(r => r.IsMalformed), Is.False);
    }

    [Test]
    public void Unvalidated_code_steps_earn_their_screenshot_grade_only()
    {
        var rewards = Adapter.ComputeRewards([Steps.Code(1, null, 3), Steps.Code(2, 1, 4), Steps.Validate(3, 2, 5)]);

        Assert.That(Steps.Values(rewards), Is.EqualTo(new[] { 3.0, 9, 9 }));
        Assert.That(rewards[2].InheritedFromStep, Is.EqualTo(2));
    }

    [Test]
    public void Each_validation_is_credited_to_the_code_step_it_followed()
    {
        var rewards = Adapter.ComputeRewards(
        [
            Steps.Code(1, null, 3), Steps.Validate(2, 1, 2), Steps.Code(3, 2, 4), Steps.Validate(4, 3, 5), Steps.Finish(5, 4),
        ]);

        Assert.That(Steps.Values(rewards), Is.EqualTo(new[] { 5.0, 5, 9, 9, 9 }));
        Assert.That(rewards.Select(r => r.InheritedFromStep), Is.EqualTo(new int?[] { null, 1, null, 3, 3 }));
    }

    [Test]
    public void A_code_step_validated_twice_keeps_the_latest_gui_grade()
    {
        var rewards = Adapter.ComputeRewards([Steps.Code(1, null, 4), Steps.Validate(2, 1, 2), Steps.Validate(3, 2, 4)]);

        Assert.That(Steps.Values(rewards), Is.EqualTo(new[] { 8.0, 8, 8 }));
        Assert.That(rewards[0].Reason, Does.Contain("validated at step 3"));
    }

    [Test]
    public void Credit_follows_parent_links_after_a_backtrack()
    {
        // Step 3 backtracked to step 1; the validation at step 4 continues from step 1, so step 1 earns the GUI grade,
        // not step 3 that ran just before it.
        var rewards = Adapter.ComputeRewards(
        [
            Steps.Code(1, null, 4), Steps.Code(2, 1, 1), Steps.Code(3, 2, 2), Steps.Validate(4, 1, 5),
        ]);

        Assert.That(Steps.Values(rewards), Is.EqualTo(new[] { 9.0, 1, 2, 9 }));
        Assert.That(rewards[3].InheritedFromStep, Is.EqualTo(1));
    }

    [Test]
    public void Credit_skips_bad_format_steps_between_the_code_step_and_its_validation()
    {
        var rewards = Adapter.ComputeRewards([Steps.Code(1, null, 3), Steps.Bad(2, 1), Steps.Validate(3, 2, 4)]);

        Assert.That(Steps.Values(rewards), Is.EqualTo(new[] { 7.0, -1, 7 }));
        Assert.That(rewards[1].IsMalformed, Is.True);
        Assert.That(rewards[1].Reason, Does.Contain("no parsable action"));
    }

    [Test]
    public void A_validation_without_a_code_step_uses_its_own_grades()
    {
        var rewards = Adapter.ComputeRewards([Steps.Validate(1, null, 2, screenshot: 1)]);

        Assert.That(rewards[0].Value, Is.EqualTo(3.0));
        Assert.That(rewards[0].InheritedFromStep, Is.Null);
        Assert.That(rewards[0].Reason, Does.Contain("no code step"));
    }

    [Test]
    public void A_malformed_validation_is_penalised_but_its_gui_grade_still_credits_the_code_step()
    {
        var rewards = Adapter.ComputeRewards([Steps.Code(1, null, 5), Steps.Validate(2, 1, 4, hasArtifact: true)]);

        Assert.That(Steps.Values(rewards), Is.EqualTo(new[] { 9.0, -1 }));
        Assert.That(rewards[1].IsMalformed, Is.True);
        Assert.That(rewards[1].InheritedFromStep, Is.Null);
        Assert.That(rewards[1].Reason, Does.Contain("boltArtifact"));
    }

    [Test]
    public void A_finish_after_a_malformed_code_step_inherits_its_penalty()
    {
        var repetitive = string.Concat(Enumerable.Repeat(".card { color: red; padding: 4px; margin: 0 auto; } ", 20));
        var rewards = Adapter.ComputeRewards([Steps.Code(1, null, 4, output: repetitive), Steps.Finish(2, 1)]);

        Assert.That(Steps.Values(rewards), Is.EqualTo(new[] { -1.0, -1 }));
        Assert.That(rewards[0].Reason, Does.Contain("degenerate repetition"));
        Assert.That(rewards[1].IsMalformed, Is.False);
        Assert.That(rewards[1].InheritedFromStep, Is.EqualTo(1));
    }

    [Test]
    public void Screenshot_only_and_gui_only_variants_use_one_grade()
    {
        StepRecord[] trajectory = [Steps.Code(1, null, 4), Steps.Validate(2, 1, 3), Steps.Bad(3, 2)];

        Assert.That(Steps.Values(StepGrpoRewardAdapter.ScreenshotOnly.ComputeRewards(trajectory)), Is.EqualTo(new[] { 4.0, 4, -1 }));
        Assert.That(Steps.Values(StepGrpoRewardAdapter.GuiOnly.ComputeRewards(trajectory)), Is.EqualTo(new[] { 3.0, 3, -1 }));
    }

    [Test]
    public void Malformed_reward_is_configurable()
    {
        var adapter = new StepGrpoRewardAdapter(new StepGrpoRewardOptions { MalformedReward = -2.5 });

        Assert.That(adapter.ComputeRewards([Steps.Bad(1, null)])[0].Value, Is.EqualTo(-2.5));
    }

    [Test]
    public void Invalid_options_fail_at_construction_naming_the_option()
    {
        var error = Assert.Throws<ArgumentException>(() => new StepGrpoRewardAdapter(new StepGrpoRewardOptions { Malformed = new MalformedOutputOptions { RepetitionMinCoverage = 2 } }));
        Assert.That(error.Message, Does.Contain("RepetitionMinCoverage"));
    }

    [Test]
    public void Duplicate_step_numbers_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Adapter.ComputeRewards([Steps.Code(1, null, 3), Steps.Code(1, null, 4)]));
        Assert.That(error.Message, Does.Contain("Step number 1 occurs twice"));
    }

    [Test]
    public void Parent_cycles_do_not_hang_and_give_no_code_step()
    {
        var rewards = Adapter.ComputeRewards([Steps.Validate(1, 2, 3), Steps.Validate(2, 1, 4)]);

        Assert.That(Steps.Values(rewards), Is.EqualTo(new[] { 3.0, 4 }));
    }
}
