using WebGen.Bench;
using WebGen.Testing;

namespace WebGen.Cli.Tests;

public sealed class BenchCommandTests
{
    private static readonly string[] TaskIds = ["000002", "000003", "000010"];

    /// <summary>The scripted GUI agent's verdict for a test case: a fixed function of the case text.</summary>
    private static string VerdictFor(string caseTask) => (caseTask.Trim().Length % 3) switch
    {
        0 => "YES",
        1 => "PARTIAL",
        _ => "NO",
    };

    private static string CaseTask(ChatCompletionCall call)
    {
        var first = call.Messages.First(m => m.Role == "user").Text;
        return first.Split('\n').Last(l => l.StartsWith("Task: ", StringComparison.Ordinal))["Task: ".Length..];
    }

    [Test]
    public async Task Bench_on_three_real_tasks_scores_right_and_resumes_after_a_kill_without_redoing_work()
    {
        using var temp = new TempDirectory();
        var dataset = await BenchDataset.LoadDefaultAsync();
        var tasks = TaskIds.Select(id => dataset.Find(id)!).ToList();
        using var kill = new CancellationTokenSource();
        var agentCalls = 0;
        var models = new ScriptedModels
        {
            Code = call => ScriptedModels.Turn(call) == 0
                ? OfflineDemoChatClient.WriteSite(ScriptedModels.Instruction(call))
                : "<boltAction type=\"finish\"></boltAction>",
            GuiAgent = call =>
            {
                if (Interlocked.Increment(ref agentCalls) == 5)
                {
                    kill.Cancel(); // the process is "killed" while the fifth test case runs
                }

                return "Thought: checked.\nAction: ANSWER; " + VerdictFor(CaseTask(call));
            },
        };
        await using var server = await OpenAICompatibleServer.StartAsync(models.Answer);
        var configuration = ScriptedModels.Configuration(server);
        string[] args = ["bench", "--tasks", "2,3,10", "--out", temp.Combine("bench"), "--concurrency", "2", "--max-iterations", "3"];

        var killed = await CliHarness.RunAsync(configuration, kill.Token, args);
        var callsBeforeKill = Volatile.Read(ref agentCalls);
        var resumed = await CliHarness.RunAsync(configuration, CancellationToken.None, args);

        Assert.That(killed.ExitCode, Is.Not.Zero);
        Assert.That(resumed.ExitCode, Is.Zero, resumed.Error);
        Assert.That(resumed.Out, Does.Contain("0 generated, 3 already done"), "generation is not redone");
        var totalCases = tasks.Sum(t => t.Cases.Count);
        Assert.That(totalCases, Is.EqualTo(14));
        Assert.That(agentCalls - callsBeforeKill, Is.LessThan(totalCases), "finished cases are not run again");
        Assert.That(agentCalls, Is.LessThanOrEqualTo(totalCases + 2), "at most the cases in flight at the kill run twice");

        var summary = await BenchReportWriter.ReadSummaryAsync(temp.Combine("bench", "results", BenchReportWriter.SummaryJson));
        var verdicts = tasks.SelectMany(t => t.Cases).Select(c => VerdictFor(c.Task)).ToList();
        var yes = verdicts.Count(v => v == "YES");
        var partial = verdicts.Count(v => v == "PARTIAL");
        Assert.That(summary.IsComplete, Is.True);
        Assert.That(summary.Judgement, Is.EqualTo(BenchCaseJudgement.Agent), "a GUI-agent model judged the cases");
        Assert.That(summary.SmokePassRate, Is.Null);
        Assert.That(summary.Cases, Is.EqualTo(14));
        Assert.That(summary.Yes, Is.EqualTo(yes));
        Assert.That(summary.Partial, Is.EqualTo(partial));
        Assert.That(summary.No, Is.EqualTo(14 - yes - partial));
        Assert.That(summary.Accuracy, Is.EqualTo(100.0 * (yes + 0.5 * partial) / 14).Within(1e-9), "accuracy is reported in percent");
        Assert.That(summary.Appearance, Is.EqualTo(4.0).Within(1e-9));

        foreach (var category in summary.ByCaseCategory)
        {
            var cases = tasks.SelectMany(t => t.Cases).Where(c => c.Category.PrimaryCategory == category.Category).ToList();
            var expected = cases.Sum(c => VerdictFor(c.Task) switch { "YES" => 1.0, "PARTIAL" => 0.5, _ => 0.0 }) / cases.Count;
            Assert.That(category.Accuracy, Is.EqualTo(100 * expected).Within(1e-9), category.Category);
        }

        foreach (var category in summary.ByTaskCategory)
        {
            var cases = tasks.Where(t => t.Category.PrimaryCategory == category.Category).SelectMany(t => t.Cases).ToList();
            var expected = cases.Sum(c => VerdictFor(c.Task) switch { "YES" => 1.0, "PARTIAL" => 0.5, _ => 0.0 }) / cases.Count;
            Assert.That(category.Accuracy, Is.EqualTo(100 * expected).Within(1e-9), category.Category);
        }

        Assert.That(resumed.Out, Does.Contain("| ").And.Contain("Accuracy").IgnoreCase);
    }

    [Test]
    public async Task Missing_dataset_is_a_clear_error()
    {
        var outcome = await CliHarness.RunAsync("eval", "--sites", Path.GetTempPath(), "--data", "/nonexistent/test.jsonl");

        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Error, Does.Contain("/nonexistent/test.jsonl").And.Contain("does not exist"));
    }

    [Test]
    public async Task Malformed_jsonl_line_is_reported_with_its_line_number()
    {
        using var temp = new TempDirectory();
        const string Good = """{"id": "000001", "instruction": "Build a todo list.", "Category": {"primary_category": "User Interaction"}, "ui_instruct": [{"task": "Add a todo.", "expected_result": "It appears.", "task_category": {"primary_category": "Functional Testing"}}]}""";
        File.WriteAllLines(temp.Combine("bad.jsonl"), [Good, "{\"id\": \"000099\", \"instruction\": ", Good.Replace("000001", "000002", StringComparison.Ordinal)]);

        var outcome = await CliHarness.RunAsync("bench", "--data", temp.Combine("bad.jsonl"), "--out", temp.Combine("out"));

        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Error, Does.Contain("line 2"));
        Assert.That(Directory.Exists(temp.Combine("out")), Is.False, "nothing is written for a dataset that does not load");
    }

    [Test]
    public async Task Unknown_task_id_is_a_clear_error()
    {
        using var temp = new TempDirectory();

        var outcome = await CliHarness.RunAsync("bench", "--tasks", "5,999", "--out", temp.Combine("out"));

        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Error, Does.Contain("999"));
        Assert.That(Directory.Exists(temp.Combine("out")), Is.False);
    }
}
