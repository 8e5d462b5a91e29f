namespace WebGen.Training.Tests;

/// <summary>The verifiable reward: the fraction of a task's tests that pass, added through the composite adapter and exported per step.</summary>
public sealed class TestRewardTests
{
    private static readonly Dictionary<int, StepTestOutcome> Outcomes = new()
    {
        [1] = new StepTestOutcome { Suite = "web-bench/dom through task-1", Passed = 6, Total = 8, Failed = ["test/task-1.spec.js:20 › a", "test/task-1.spec.js:31 › b"] },
        [4] = new StepTestOutcome { Suite = "web-bench/dom through task-1", Passed = 8, Total = 8 },
    };

    [Test]
    public void The_pass_fraction_of_the_credited_code_step_is_added_with_its_weight()
    {
        var adapter = new CompositeStepRewardAdapter(StepGrpoRewardAdapter.Reference, StepRewardTerms.TestPassFraction(Outcomes, weight: 5));

        var rewards = adapter.ComputeRewards([Steps.Code(1, null, 3), Steps.Validate(2, 1, 2), Steps.Bad(3, 2), Steps.Code(4, 3, 4), Steps.Code(5, 4, 1)]);

        // step 1: 3 + 5×0.75; step 2 inherits it (and its GUI grade 2 credited to step 1); step 4: 4 + 5×1; step 5 has no outcome: + 0.
        Assert.That(Steps.Values(rewards), Is.EqualTo(new[] { 3 + 2 + 3.75, 3 + 2 + 3.75, -1, 9.0, 1.0 }));
        Assert.That(rewards[0].Reason, Does.Contain("tests 5×0.75"));
        Assert.That(rewards[2].IsMalformed, Is.True, "a malformed step keeps its penalty");
    }

    [Test]
    public void A_suite_with_no_counted_case_scores_zero()
    {
        Assert.That(new StepTestOutcome { Passed = 0, Total = 0 }.Fraction, Is.Zero);
        Assert.That(new StepTestOutcome { Passed = 3, Total = 4 }.Fraction, Is.EqualTo(0.75));
    }

    [Test]
    public async Task Test_outcomes_travel_through_jsonl_and_parquet()
    {
        var trajectory = TrajectoryBuilder.WithTestOutcomes(Samples.Full(0) with { Steps = [Samples.Full(0).Steps[0] with { Tests = null }, Samples.Full(0).Steps[1]] }, Outcomes);

        using var jsonl = new MemoryStream();
        await TrajectoryJsonl.WriteAsync([trajectory], jsonl);
        jsonl.Position = 0;
        var fromJsonl = await TrajectoryJsonl.ReadAsync(jsonl).ToListAsync();
        using var parquet = new MemoryStream();
        await TrajectoryParquet.WriteAsync([trajectory], parquet);
        parquet.Position = 0;
        var fromParquet = await TrajectoryParquet.ReadAsync(parquet).ToListAsync();

        foreach (var read in new[] { fromJsonl[0], fromParquet[0] })
        {
            Assert.That(read.Steps[0].Tests, Is.Not.Null);
            Assert.That((read.Steps[0].Tests!.Passed, read.Steps[0].Tests!.Total, read.Steps[0].Tests!.Suite), Is.EqualTo((6, 8, "web-bench/dom through task-1")));
            Assert.That(read.Steps[0].Tests!.Failed, Is.EqualTo(Outcomes[1].Failed));
            Assert.That(read.Steps[1].Tests, Is.Null, "a step without tests has none");
        }
    }
}
