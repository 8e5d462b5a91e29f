namespace WebGen.Training.Tests;

public sealed class RewardVariantsTests
{
    [Test]
    public void Naive_grpo_gives_every_step_the_trajectory_best()
    {
        var naive = new NaiveGrpoRewardAdapter();

        var rewards = naive.ComputeRewards([Steps.Bad(1, null), Steps.Code(2, 1, 4), Steps.Validate(3, 2, 3), Steps.Code(4, 3, 2)]);

        Assert.That(Steps.Values(rewards), Is.EqualTo(new[] { 7.0, 7, 7, 7 }));
        Assert.That(rewards.Select(r => r.InheritedFromStep), Is.EqualTo(new int?[] { 2, null, 2, 2 }));
        Assert.That(rewards[0].IsMalformed, Is.True, "the step's own format is still reported");
    }

    [Test]
    public void Naive_grpo_normalises_one_reward_per_trajectory()
    {
        // Bests 7, 2, 9 → μ = 6, σ = √13 (n − 1), whatever the trajectory lengths.
        var naive = new NaiveGrpoRewardAdapter();
        IReadOnlyList<StepReward>[] group =
        [
            naive.ComputeRewards([Steps.Code(1, null, 4), Steps.Validate(2, 1, 3), Steps.Finish(3, 2)]),
            naive.ComputeRewards([Steps.Bad(1, null), Steps.Code(2, 1, 2)]),
            naive.ComputeRewards([Steps.Code(1, null, 5), Steps.Validate(2, 1, 4)]),
        ];

        var result = GroupAdvantages.Compute(group);

        var sigma = Math.Sqrt(13) + GroupAdvantages.Epsilon;
        Assert.That(result.Statistics.Count, Is.EqualTo(3));
        Assert.That(result.Statistics.Mean, Is.EqualTo(6.0).Within(1e-12));
        Assert.That(result.Advantages[0], Is.All.EqualTo(1 / sigma).Within(1e-12));
        Assert.That(result.Advantages[1], Is.All.EqualTo(-4 / sigma).Within(1e-12));
        Assert.That(result.Advantages[2], Is.All.EqualTo(3 / sigma).Within(1e-12));
    }

    [Test]
    public void Composite_adds_a_weighted_accessibility_term_from_the_code_steps_scores()
    {
        var adapter = new CompositeStepRewardAdapter(StepGrpoRewardAdapter.Reference, StepRewardTerms.FromScore("accessibility", weight: 2));
        ScreenshotScore[] scores = [new() { Name = "accessibility", Value = 0.75, Reason = "2 serious violations" }, ScreenshotScore.Pass("blank-page", "content")];

        var rewards = adapter.ComputeRewards(
        [
            Steps.Code(1, null, 4, scores: scores), Steps.Validate(2, 1, 3), Steps.Bad(3, 2), Steps.Code(4, 3, 2),
        ]);

        Assert.That(Steps.Values(rewards), Is.EqualTo(new[] { 8.5, 8.5, -1, 2 }));
        Assert.That(rewards[0].Reason, Does.Contain("accessibility 2×0.75"));
        Assert.That(rewards[1].InheritedFromStep, Is.EqualTo(1));
        Assert.That(rewards[2].IsMalformed, Is.True);
    }

    [Test]
    public void Composite_adds_a_check_term_from_the_credited_code_steps_checks()
    {
        var adapter = new CompositeStepRewardAdapter(StepGrpoRewardAdapter.Reference, StepRewardTerms.FromCheck("unit-tests", weight: 2));
        var tested = Steps.Code(1, null, 4) with { Checks = [new StepCheck { Name = "Unit-Tests", Passed = false, Score = 0.25, Summary = "3 of 4 tests failed." }] };

        var rewards = adapter.ComputeRewards([tested, Steps.Validate(2, 1, 3), Steps.Code(3, 2, 4)]);

        Assert.That(Steps.Values(rewards), Is.EqualTo(new[] { 7.5, 7.5, 4 }), "the validate turn is credited with its code step's check; a step without the check adds 0");
        Assert.That(rewards[0].Reason, Does.Contain("unit-tests 2×0.25"));
    }

    [Test]
    public void Composite_terms_see_the_trajectory_and_the_credited_code_step()
    {
        var seen = new List<(int Step, int? CodeStep)>();
        var term = new StepRewardTerm
        {
            Name = "probe",
            Compute = context =>
            {
                seen.Add((context.Step.Node.Step, context.CodeStep?.Node.Step));
                return context.Trajectory.Count;
            },
        };
        var adapter = new CompositeStepRewardAdapter(StepGrpoRewardAdapter.Reference, term);

        var rewards = adapter.ComputeRewards([Steps.Code(1, null, 1), Steps.Validate(2, null, 0)]);

        Assert.That(seen, Is.EqualTo(new[] { (1, (int?)1), (2, (int?)null) }));
        Assert.That(Steps.Values(rewards), Is.EqualTo(new[] { 3.0, 2 }));
    }

    [Test]
    public void A_non_finite_term_is_reported_by_name()
    {
        var adapter = new CompositeStepRewardAdapter(StepGrpoRewardAdapter.Reference, new StepRewardTerm { Name = "broken", Compute = _ => double.NaN });

        var error = Assert.Throws<InvalidOperationException>(() => adapter.ComputeRewards([Steps.Code(1, null, 1)]));
        Assert.That(error.Message, Does.Contain("'broken'"));
    }

    [Test]
    public void A_wrapped_adapter_returning_the_wrong_number_of_rewards_is_reported()
    {
        var adapter = new NaiveGrpoRewardAdapter(new FixedAdapter([]));

        var error = Assert.Throws<InvalidOperationException>(() => adapter.ComputeRewards([Steps.Code(1, null, 1)]));
        Assert.That(error.Message, Does.Contain("returned 0 rewards for 1 steps"));
    }

    private sealed class FixedAdapter(IReadOnlyList<StepReward> rewards) : IStepRewardAdapter
    {
        public IReadOnlyList<StepReward> ComputeRewards(IReadOnlyList<StepRecord> trajectory) => rewards;
    }
}
