using System.Text.Json;
using WebGen.Bench.Tests.Evaluation;

namespace WebGen.Bench.Tests.Scoring;

/// <summary>The scoring arithmetic on records made in memory: agent-judged cases give accuracy, smoke-checked ones never do.</summary>
public sealed class BenchScoringTests
{
    private const string Pending = "(not recorded)";
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private IReadOnlyList<BenchTask> _tasks = null!;

    [OneTimeSetUp]
    public async Task LoadTasks() => _tasks = await ScriptedBench.LoadTasksAsync();

    [Test]
    public void Agent_judged_cases_score_accuracy_and_no_smoke_rate()
    {
        // 000002: YES PARTIAL NO YES, case 4 pending | 000003: did not start | 000010: YES YES NO PARTIAL.
        var results = Records(
            ("000002", Site(), Cases("000002", BenchCaseJudgement.Agent, "YES", "PARTIAL", "NO", "Answer: YES")),
            ("000003", Site(startFailed: true), []),
            ("000010", Site(), Cases("000010", BenchCaseJudgement.Agent, "YES", "YES", "NO", "PARTIAL")));

        var summary = BenchScoring.Summarize(results, _tasks, BenchVerdictMode.Exact, BenchCaseJudgement.Agent, "agent", Now);

        Assert.That(summary.Judgement, Is.EqualTo(BenchCaseJudgement.Agent));
        Assert.That((summary.Cases, summary.Yes, summary.Partial, summary.No, summary.StartFailed, summary.Pending), Is.EqualTo((14, 4, 2, 2, 5, 1)));
        Assert.That((summary.SmokePassed, summary.SmokeFailed, summary.SmokePassRate), Is.EqualTo((0, 0, (double?)null)));
        Assert.That(summary.Accuracy, Is.EqualTo(100.0 * 5 / 14).Within(1e-9));
        Assert.That(summary.YesRate, Is.EqualTo(100.0 * 4 / 14).Within(1e-9));
        Assert.That(summary.ByTaskCategory.Select(c => (c.Category, c.Accuracy, c.SmokePassRate)), Is.EqualTo(new[]
        {
            ("Content Presentation", (double?)50.0, (double?)null),
            ("User Interaction", 62.5, null),
            ("Data Management", 0.0, null),
        }));
        Assert.That(summary.TaskScores.Select(t => t.Accuracy), Is.EqualTo(new double?[] { 50.0, 0.0, 62.5 }));
    }

    [Test]
    public void Smoke_checked_cases_are_never_yes_partial_or_no_and_give_no_accuracy()
    {
        // The smoke tester's answers: YES = nothing raised an error; PARTIAL and NO = something did or nothing could be clicked; no answer = it could not tell.
        var results = Records(
            ("000002", Site(), Cases("000002", BenchCaseJudgement.Smoke, "YES: all 6 buttons and links worked without errors.", "PARTIAL: 1 of 6 buttons and links caused errors.", "YES: all 6 buttons and links worked without errors.", "NO: the site could not be opened", null)),
            ("000003", Site(startFailed: true), []),
            ("000010", Site(), Cases("000010", BenchCaseJudgement.Smoke, "YES: all 2 buttons and links worked without errors.", "YES: all 2 buttons and links worked without errors.", "PARTIAL: the page has no visible button or link that could be exercised.", Pending)));

        var summary = BenchScoring.Summarize(results, _tasks, BenchVerdictMode.Exact, BenchCaseJudgement.Smoke, "offline", Now);

        Assert.That(summary.Judgement, Is.EqualTo(BenchCaseJudgement.Smoke));
        Assert.That((summary.Yes, summary.Partial, summary.No, summary.Unreadable), Is.EqualTo((0, 0, 0, 0)), "a smoke check answers no case");
        Assert.That((summary.SmokePassed, summary.SmokeFailed, summary.StartFailed, summary.Pending), Is.EqualTo((4, 4, 5, 1)));
        Assert.That((summary.Accuracy, summary.YesRate, summary.PartialRate, summary.NoRate), Is.EqualTo(((double?)null, (double?)null, (double?)null, (double?)null)));
        Assert.That(summary.SmokePassRate, Is.EqualTo(100.0 * 4 / 14).Within(1e-9));
        Assert.That(summary.StartFailedRate, Is.EqualTo(100.0 * 5 / 14).Within(1e-9), "start failures are measured whatever the judgement");
        Assert.That(summary.ByTaskCategory.Select(c => c.Accuracy), Is.All.Null);
        Assert.That(summary.ByCaseCategory.Select(c => c.Accuracy), Is.All.Null);
        Assert.That(summary.ByTaskCategory.Select(c => (c.Category, c.SmokePassed, c.SmokeFailed, c.SmokePassRate)), Is.EqualTo(new[]
        {
            ("Content Presentation", 2, 3, (double?)40.0),
            ("User Interaction", 2, 1, 50.0),
            ("Data Management", 0, 0, 0.0),
        }));
        Assert.That(summary.TaskScores.Select(t => (t.Accuracy, t.SmokePassRate)), Is.EqualTo(new[] { ((double?)null, (double?)40.0), (null, 0.0), (null, 50.0) }));
        Assert.That(summary.TaskScores[0].Outcomes, Is.EqualTo(new[] { BenchCaseOutcome.SmokePassed, BenchCaseOutcome.SmokeFailed, BenchCaseOutcome.SmokePassed, BenchCaseOutcome.SmokeFailed, BenchCaseOutcome.SmokeFailed }));
        Assert.That(summary.TaskScores[1].Outcomes, Is.All.EqualTo(BenchCaseOutcome.StartFailed));
        Assert.That(summary.TaskScores[2].Outcomes, Is.EqualTo(new[] { BenchCaseOutcome.SmokePassed, BenchCaseOutcome.SmokePassed, BenchCaseOutcome.SmokeFailed, BenchCaseOutcome.Pending }));
    }

    [Test]
    public void A_smoke_check_that_answered_yes_to_every_case_still_claims_no_accuracy_in_any_mode()
    {
        var yes = "YES: all 4 buttons and links worked without errors.";
        var results = Records(
            ("000002", Site(), Cases("000002", BenchCaseJudgement.Smoke, yes, yes, yes, yes, yes)),
            ("000003", Site(), Cases("000003", BenchCaseJudgement.Smoke, yes, yes, yes, yes, yes)),
            ("000010", Site(), Cases("000010", BenchCaseJudgement.Smoke, yes, yes, yes, yes)));

        foreach (var mode in new[] { BenchVerdictMode.Exact, BenchVerdictMode.Reference })
        {
            var summary = BenchScoring.Summarize(results, _tasks, mode, BenchCaseJudgement.Smoke, "offline", Now);

            Assert.That(summary.Accuracy, Is.Null, mode.ToString());
            Assert.That(summary.Yes, Is.Zero, mode.ToString());
            Assert.That(summary.SmokePassRate, Is.EqualTo(100.0), mode.ToString());
        }
    }

    [Test]
    public void One_smoke_checked_record_makes_the_summary_a_smoke_check_whatever_the_caller_says()
    {
        var results = Records(
            ("000002", Site(), Cases("000002", BenchCaseJudgement.Agent, "YES", "YES", "YES", "YES", "YES")),
            ("000003", Site(), Cases("000003", BenchCaseJudgement.Smoke, "YES: fine.", "YES: fine.", "YES: fine.", "YES: fine.", "YES: fine.")),
            ("000010", Site(), Cases("000010", BenchCaseJudgement.Agent, "YES", "YES", "YES", "YES")));

        var summary = results.Summarize(_tasks, judgement: BenchCaseJudgement.Agent);

        Assert.That(summary.Judgement, Is.EqualTo(BenchCaseJudgement.Smoke));
        Assert.That(summary.Accuracy, Is.Null);
        Assert.That((summary.Yes, summary.SmokePassed), Is.EqualTo((9, 5)), "each case keeps the outcome of how it was judged");
    }

    [Test]
    public void Nothing_judged_yet_still_follows_the_judgement_the_run_uses()
    {
        var results = Records(("000002", Site(startFailed: true), []), ("000003", Site(startFailed: true), []), ("000010", Site(startFailed: true), []));

        var smoke = results.Summarize(_tasks, judgement: BenchCaseJudgement.Smoke);
        var agent = results.Summarize(_tasks);

        Assert.That((smoke.Judgement, smoke.Accuracy, smoke.SmokePassRate, smoke.StartFailedRate), Is.EqualTo((BenchCaseJudgement.Smoke, (double?)null, (double?)0.0, 100.0)), "an offline run whose sites all failed claims no accuracy either");
        Assert.That((agent.Judgement, agent.Accuracy, agent.SmokePassRate), Is.EqualTo((BenchCaseJudgement.Agent, (double?)0.0, (double?)null)));
    }

    [Test]
    public void Summary_json_of_a_smoke_check_has_no_accuracy_for_a_script_to_read()
    {
        var results = Records(("000002", Site(), Cases("000002", BenchCaseJudgement.Smoke, "YES: a", "YES: b", "YES: c", "YES: d", "YES: e")));
        var summary = BenchScoring.Summarize(results, [.. _tasks.Take(1)], BenchVerdictMode.Exact, BenchCaseJudgement.Smoke, "offline", Now);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(summary, BenchJson.Options));
        var root = json.RootElement;

        Assert.That(root.GetProperty("judgement").GetString(), Is.EqualTo("smoke"));
        foreach (var name in new[] { "accuracy", "yesRate", "partialRate", "noRate" })
        {
            Assert.That(root.TryGetProperty(name, out _), Is.False, name);
        }

        Assert.That(root.GetProperty("smokePassRate").GetDouble(), Is.EqualTo(100.0));
        Assert.That(root.GetProperty("smokePassed").GetInt32(), Is.EqualTo(5));
        Assert.That(root.GetProperty("byCaseCategory").EnumerateArray().Select(c => c.TryGetProperty("accuracy", out _)), Is.All.False);
        Assert.That(root.GetProperty("taskScores")[0].GetProperty("outcomes").EnumerateArray().Select(o => o.GetString()), Is.All.EqualTo("smoke-passed"));
    }

    private static BenchResults Records(params (string TaskId, BenchSiteResult Site, BenchCaseResult[] Cases)[] tasks)
        => new("memory", tasks.ToDictionary(t => t.TaskId, t => new BenchResults.TaskRecords(t.Site with { TaskId = t.TaskId }, t.Cases, null, [])));

    private static BenchSiteResult Site(bool startFailed = false) => new() { TaskId = "", StartFailed = startFailed };

    /// <summary>Finished cases 0, 1, … of a task with these final answers; <see cref="Pending"/> leaves a case unrecorded, as do cases past the last answer.</summary>
    private static BenchCaseResult[] Cases(string taskId, BenchCaseJudgement judgement, params string?[] answers)
        => [.. answers.Select((a, i) => (Answer: a, Index: i)).Where(x => x.Answer != Pending).Select(x => new BenchCaseResult { TaskId = taskId, CaseIndex = x.Index, Judgement = judgement, FinalAnswer = x.Answer })];
}
