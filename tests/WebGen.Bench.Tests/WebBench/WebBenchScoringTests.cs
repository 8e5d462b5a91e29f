namespace WebGen.Bench.Tests.WebBench;

/// <summary>pass@1, pass@2 and error@1 exactly as Web-Bench's projects/readme.md defines them, on made-up outcomes.</summary>
public sealed class WebBenchScoringTests
{
    [Test]
    public void The_readme_example_scores_25_75_and_15_percent()
    {
        // 20 tasks; the first failed evaluation is task-6; task-6 and task-9 pass on the retry; task-16's retry fails.
        var attempts = new List<WebBenchAttemptOutcome>();
        for (var task = 1; task <= 16; task++)
        {
            var firstFails = task is 6 or 9 or 16;
            attempts.Add(new() { Task = task, Attempt = 1, Passed = !firstFails });
            if (firstFails)
            {
                attempts.Add(new() { Task = task, Attempt = 2, Passed = task != 16 });
            }
        }

        var score = WebBenchScoring.Score(20, attempts);

        Assert.That((score.PassTasks1, score.PassTasks2, score.Errors1), Is.EqualTo((5, 15, 3)));
        Assert.That((score.Pass1, score.Pass2, score.Error1), Is.EqualTo((25.0, 75.0, 15.0)));
        Assert.That(score.HasAttempts, Is.True);
    }

    [Test]
    public void Every_task_passing_first_time_scores_100_100_0()
    {
        var score = WebBenchScoring.Score(3, [new() { Task = 1, Attempt = 1, Passed = true }, new() { Task = 2, Attempt = 1, Passed = true }, new() { Task = 3, Attempt = 1, Passed = true }]);

        Assert.That((score.Pass1, score.Pass2, score.Error1), Is.EqualTo((100.0, 100.0, 0.0)));
    }

    [Test]
    public void A_first_task_failing_twice_ends_the_evaluation_with_nothing_passed()
    {
        var score = WebBenchScoring.Score(20, [new() { Task = 1, Attempt = 1, Passed = false }, new() { Task = 1, Attempt = 2, Passed = false }]);

        Assert.That((score.PassTasks1, score.PassTasks2, score.Errors1), Is.EqualTo((0, 0, 1)));
    }

    [Test]
    public void Pass_at_1_counts_only_the_prefix_before_the_first_first_attempt_failure()
    {
        // task-2 fails first and passes on retry; tasks 3 and 4 pass first time but come after a failure.
        var score = WebBenchScoring.Score(4, [
            new() { Task = 1, Attempt = 1, Passed = true },
            new() { Task = 2, Attempt = 1, Passed = false },
            new() { Task = 2, Attempt = 2, Passed = true },
            new() { Task = 3, Attempt = 1, Passed = true },
            new() { Task = 4, Attempt = 1, Passed = true },
        ]);

        Assert.That((score.PassTasks1, score.PassTasks2, score.Errors1), Is.EqualTo((1, 4, 1)));
    }

    [Test]
    public void A_stopped_run_counts_the_tasks_it_never_reached_as_not_passed()
    {
        var score = WebBenchScoring.Score(20, [new() { Task = 1, Attempt = 1, Passed = true }, new() { Task = 2, Attempt = 1, Passed = false }]);

        Assert.That((score.PassTasks1, score.PassTasks2, score.Errors1), Is.EqualTo((1, 1, 1)));
        Assert.That(score.Pass2, Is.EqualTo(5.0));
    }

    [Test]
    public void Attempts_that_break_the_protocol_are_rejected()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => WebBenchScoring.Score(3, [new() { Task = 1, Attempt = 1, Passed = true }, new() { Task = 1, Attempt = 2, Passed = true }]), Throws.ArgumentException.With.Message.Contains("passed on its first attempt"));
            Assert.That(() => WebBenchScoring.Score(3, [new() { Task = 1, Attempt = 1, Passed = false }, new() { Task = 1, Attempt = 2, Passed = false }, new() { Task = 2, Attempt = 1, Passed = true }]), Throws.ArgumentException.With.Message.Contains("ended at task 1"));
            Assert.That(() => WebBenchScoring.Score(3, [new() { Task = 4, Attempt = 1, Passed = true }]), Throws.ArgumentException.With.Message.Contains("outside the protocol"));
            Assert.That(() => WebBenchScoring.Score(3, [new() { Task = 1, Attempt = 1, Passed = true }, new() { Task = 1, Attempt = 1, Passed = true }]), Throws.ArgumentException.With.Message.Contains("twice"));
        });
    }

    [Test]
    public void Projects_add_up_by_their_counts_and_the_closing_line_has_one_decimal()
    {
        var a = new WebBenchScore { Tasks = 20, HasAttempts = true, PassTasks1 = 5, PassTasks2 = 15, Errors1 = 3, CasesPassed = 50, Cases = 92 };
        var b = new WebBenchScore { Tasks = 20, HasAttempts = true, PassTasks1 = 1, PassTasks2 = 2, Errors1 = 2, CasesPassed = 7, Cases = 59 };

        var sum = WebBenchScoring.Sum([a, b]);

        Assert.That((sum.Tasks, sum.PassTasks1, sum.PassTasks2, sum.Errors1), Is.EqualTo((40, 6, 17, 5)));
        Assert.That(sum.Pass1, Is.EqualTo(15.0));
        Assert.That(sum.ClosingLine, Is.EqualTo("cases passed: 37.7% (57 of 151)"));
        Assert.That(WebBenchScoring.ClosingLine(0, 0), Is.EqualTo("cases passed: 0.0% (0 of 0)"));
    }

    [Test]
    public void The_protocol_asks_for_a_retry_after_a_failed_first_attempt_and_stops_after_a_failed_retry()
    {
        static WebBenchAttempt Attempt(int task, int attempt, bool passed) => new()
        {
            Task = task,
            Attempt = attempt,
            Evaluation = new WebBenchEvaluation
            {
                Project = "p",
                ThroughTask = task,
                Site = new WebBenchSiteOutcome { Started = true },
                Cases = [new WebBenchCaseResult { Task = task, File = "test/x.spec.js", Title = "t", Status = passed ? WebBenchCaseStatus.Passed : WebBenchCaseStatus.Failed }],
            },
        };

        Assert.Multiple(() =>
        {
            Assert.That(WebBenchHarness.NextStep(20, []), Is.EqualTo((1, 1)));
            Assert.That(WebBenchHarness.NextStep(20, [Attempt(1, 1, true)]), Is.EqualTo((2, 1)));
            Assert.That(WebBenchHarness.NextStep(20, [Attempt(1, 1, false)]), Is.EqualTo((1, 2)));
            Assert.That(WebBenchHarness.NextStep(20, [Attempt(1, 1, false), Attempt(1, 2, true)]), Is.EqualTo((2, 1)));
            Assert.That(WebBenchHarness.NextStep(20, [Attempt(1, 1, false), Attempt(1, 2, false)]), Is.Null);
            Assert.That(WebBenchHarness.NextStep(1, [Attempt(1, 1, true)]), Is.Null);
        });
    }
}
