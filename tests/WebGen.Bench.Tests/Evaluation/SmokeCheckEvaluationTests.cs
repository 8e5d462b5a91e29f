using System.Text.Json;

namespace WebGen.Bench.Tests.Evaluation;

/// <summary>An evaluation whose case agent only smoke-checks (the offline CLI's): no accuracy anywhere, the smoke check under its own name.</summary>
public sealed class SmokeCheckEvaluationTests
{
    private const string Works = "YES: all 5 buttons and links worked without errors.";
    private const string Broke = "NO: 4 of 5 buttons and links caused errors.";
    private TempDirectory _temp = null!;
    private IReadOnlyList<BenchTask> _tasks = null!;

    [OneTimeSetUp]
    public async Task LoadTasks() => _tasks = await ScriptedBench.LoadTasksAsync();

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task Reports_the_smoke_check_and_no_accuracy_in_summary_json_markdown_and_progress()
    {
        // 000003 does not start; the smoke tester finds errors on 000010's page in its third run, none elsewhere.
        var bench = new ScriptedBench(_temp, _tasks, "000003");
        var progress = new ListProgress();
        var smoke = bench.Agent(judgement: BenchCaseJudgement.Smoke, answer: c => c is { TaskId: "000010", Index: 2 } ? Broke : Works);

        var summary = await bench.Evaluator(smoke).EvaluateAsync(bench.Request() with { Name = "offline demo" }, progress);

        Assert.That(summary.Judgement, Is.EqualTo(BenchCaseJudgement.Smoke));
        Assert.That((summary.SmokePassed, summary.SmokeFailed, summary.StartFailed, summary.Yes, summary.Partial, summary.No), Is.EqualTo((8, 1, 5, 0, 0, 0)));
        Assert.That(summary.Accuracy, Is.Null);
        Assert.That(summary.SmokePassRate, Is.EqualTo(100.0 * 8 / 14).Within(1e-9));

        var cases = progress.Items.Where(p => p.Kind == BenchProgressKind.CaseCompleted).ToList();
        Assert.That(cases, Has.Count.EqualTo(9));
        Assert.That(cases.Select(p => p.Verdict), Is.All.Null, "a smoke check gives no verdict");
        Assert.That(cases.Single(p => p is { TaskId: "000010", CaseIndex: 2 }).Outcome, Is.EqualTo(BenchCaseOutcome.SmokeFailed));
        Assert.That(cases.Count(p => p.Outcome == BenchCaseOutcome.SmokePassed), Is.EqualTo(8));

        var record = (await BenchResults.LoadAsync(bench.Output)).GetCases("000002")[0];
        Assert.That(record.Judgement, Is.EqualTo(BenchCaseJudgement.Smoke));
        using (var caseJson = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(bench.Output, "results", "000002", "case-00", "case.json"))))
        {
            Assert.That(caseJson.RootElement.GetProperty("judgement").GetString(), Is.EqualTo("smoke"));
        }

        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(bench.Output, BenchReportWriter.SummaryJson))))
        {
            var root = json.RootElement;
            Assert.That(root.GetProperty("judgement").GetString(), Is.EqualTo("smoke"));
            Assert.That(root.TryGetProperty("accuracy", out _), Is.False, "a script reading summary.json finds no accuracy to mistake");
            Assert.That(root.GetProperty("smokePassed").GetInt32(), Is.EqualTo(8));
        }

        var read = await BenchReportWriter.ReadSummaryAsync(Path.Combine(bench.Output, BenchReportWriter.SummaryJson));
        Assert.That((read.Judgement, read.Accuracy, read.SmokePassed), Is.EqualTo((BenchCaseJudgement.Smoke, (double?)null, 8)));

        var markdown = await File.ReadAllTextAsync(Path.Combine(bench.Output, BenchReportWriter.SummaryMarkdown));
        Assert.That(markdown, Does.Contain("**smoke-checked, not judged: accuracy not evaluated.**"));
        Assert.That(markdown, Does.Contain("| Name | YES | PARTIAL | NO | Start Failed | Accuracy | Content Presentation | User Interaction | Data Management | Functional Testing | Data Display Testing | Design Validation Testing | Appearance | Smoke check passed |"));
        Assert.That(markdown, Does.Contain("| offline demo | not evaluated | not evaluated | not evaluated | 35.7 | not evaluated | not evaluated | not evaluated | not evaluated | not evaluated | not evaluated | not evaluated | 3.0 | 57.1 |"));
        Assert.That(markdown, Does.Contain("## Smoke check (the page works: no errors while clicking)"));
        Assert.That(markdown, Does.Contain("| 14 | 8 | 1 | 5 | 0 | 57.1 | 1 | 3 |"));
        Assert.That(markdown, Does.Not.Contain("Unreadable answers"));
    }

    [Test]
    public async Task A_results_directory_is_never_resumed_with_another_judgement()
    {
        var bench = new ScriptedBench(_temp, _tasks);
        var smoke = bench.Agent(judgement: BenchCaseJudgement.Smoke, answer: _ => Works);
        using var killAfterOne = new CancellationTokenSource();
        var cases = 0;
        var stopping = bench.Agent(
            async (_, token) =>
            {
                if (Interlocked.Increment(ref cases) == 2)
                {
                    await killAfterOne.CancelAsync();
                    await Task.Delay(Timeout.Infinite, token);
                }
            },
            BenchCaseJudgement.Smoke,
            _ => Works);
        Assert.That(async () => await bench.Evaluator(stopping).EvaluateAsync(bench.Request(), cancellationToken: killAfterOne.Token), Throws.InstanceOf<OperationCanceledException>());
        var partial = await BenchResults.LoadAsync(bench.Output);
        Assert.That(partial.TaskIds.Sum(id => partial.GetCases(id).Count), Is.GreaterThan(0), "the stopped run recorded smoke-checked cases");

        var rerun = new ScriptedBench(_temp, _tasks);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => rerun.Evaluator().EvaluateAsync(rerun.Request()));

        Assert.That(ex!.Message, Does.Contain(bench.Output).And.Contain("smoke-checked (offline, no accuracy)").And.Contain("judged by a GUI agent").And.Contain("use another output directory"));
        Assert.That(rerun.CaseCalls, Is.Empty, "nothing ran");
        var finished = await bench.Evaluator(smoke).EvaluateAsync(bench.Request());
        Assert.That((finished.IsComplete, finished.Judgement), Is.EqualTo((true, BenchCaseJudgement.Smoke)), "the same judgement resumes as usual");
    }

    [Test]
    public async Task Tasks_without_test_cases_are_refused_before_anything_runs()
    {
        var training = _tasks[0] with { Id = "train-1", Cases = [] };
        var bench = new ScriptedBench(_temp, [_tasks[1], training]);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => bench.Evaluator().EvaluateAsync(bench.Request()));

        Assert.That(ex!.Message, Does.Contain("1 selected task(s) have no UI test cases to evaluate (train-1)"));
        Assert.That(bench.Sandbox.Sessions, Is.Empty);
        Assert.That(Directory.Exists(bench.Output), Is.False);
    }
}
