using System.Text.Json;
using System.Text.RegularExpressions;
using WebGen.Bench;

namespace WebGen.Cli.Tests;

/// <summary>
/// <c>webgen bench</c> and <c>webgen eval</c> with no model endpoint: the smoke GUI tester runs the cases, so they are
/// smoke-checked, and nothing the CLI prints or writes claims an accuracy.
/// </summary>
public sealed partial class BenchOfflineTests
{
    /// <summary>Configuration that runs offline whatever the machine's WEBGEN_* variables say.</summary>
    private static readonly Dictionary<string, string?> Offline = new() { ["WebGen:Models:Code:Endpoint"] = "" };

    [Test]
    public async Task Offline_bench_of_two_real_tasks_reports_the_smoke_check_and_no_accuracy_anywhere()
    {
        using var temp = new TempDirectory();
        var tasks = (await BenchDataset.LoadDefaultAsync()).Select("1-2");
        var cases = tasks.Sum(t => t.Cases.Count);

        var outcome = await CliHarness.RunAsync(Offline, CancellationToken.None, "bench", "--tasks", "1-2", "--out", temp.Combine("bench"), "--max-iterations", "2");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
        Assert.That(outcome.Out, Does.Contain("offline: test cases are smoke-checked (the page works: no errors while clicking), not judged, so accuracy is not evaluated"));
        Assert.That(outcome.Out, Does.Contain($"2 task(s), {cases} case(s)"));
        var caseLines = outcome.Out.Split('\n').Where(l => l.Contains(": case ", StringComparison.Ordinal)).ToList();
        Assert.That(caseLines, Has.Count.EqualTo(cases));
        Assert.That(caseLines, Has.All.Match("case \\d+ smoke check (passed|failed)"), "a smoke-checked case is never YES, PARTIAL or NO");
        Assert.That(outcome.Out, Does.Contain("| offline demo | not evaluated | not evaluated | not evaluated | 0.0 | not evaluated |"));
        Assert.That(AccuracyNumber().IsMatch(outcome.Out), Is.False, "no accuracy figure is printed");

        var summaryPath = temp.Combine("bench", "results", BenchReportWriter.SummaryJson);
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(summaryPath)))
        {
            var root = json.RootElement;
            Assert.That(root.GetProperty("judgement").GetString(), Is.EqualTo("smoke"));
            Assert.That(root.TryGetProperty("accuracy", out _), Is.False);
            Assert.That(root.TryGetProperty("yesRate", out _), Is.False);
        }

        var summary = await BenchReportWriter.ReadSummaryAsync(summaryPath);
        Assert.That((summary.IsComplete, summary.Cases, summary.StartFailed), Is.EqualTo((true, cases, 0)), "both demo sites start in the sandbox");
        Assert.That(summary.SmokePassed + summary.SmokeFailed, Is.EqualTo(cases));
        Assert.That((summary.Yes, summary.Partial, summary.No), Is.EqualTo((0, 0, 0)));
        Assert.That(summary.SmokePassRate, Is.EqualTo(100.0 * summary.SmokePassed / cases).Within(1e-9));
        var results = await BenchResults.LoadAsync(temp.Combine("bench", "results"));
        Assert.That(tasks.SelectMany(t => results.GetCases(t.Id)).Select(c => c.Judgement).ToList(), Has.Count.EqualTo(cases).And.All.EqualTo(BenchCaseJudgement.Smoke));

        var markdown = await File.ReadAllTextAsync(temp.Combine("bench", "results", BenchReportWriter.SummaryMarkdown));
        Assert.That(markdown, Does.Contain("accuracy not evaluated").And.Contain("## Smoke check (the page works: no errors while clicking)"));
        var report = await CliHarness.OpenReportAsync(temp.Combine("bench", "results", BenchReportWriter.HtmlReport));
        Assert.That(report.ConsoleErrors, Is.Empty);
        Assert.That(report.Text, Does.Contain("Smoke check only: accuracy not evaluated."));
        Assert.That(AccuracyNumber().IsMatch(report.Text), Is.False);
    }

    [Test]
    public async Task Offline_eval_of_a_parquet_split_with_no_sites_claims_no_accuracy_even_at_zero()
    {
        using var temp = new TempDirectory();
        var tasks = (await BenchDataset.LoadDefaultAsync()).Select("1,2");
        await ParquetDatasets.WriteAsync(temp.Combine("test-00000-of-00001.parquet"), tasks);
        Directory.CreateDirectory(temp.Combine("sites"));

        var outcome = await CliHarness.RunAsync(Offline, CancellationToken.None, "eval", "--sites", temp.Combine("sites"), "--data", temp.Combine("test-00000-of-00001.parquet"), "--out", temp.Combine("eval"));

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
        Assert.That(outcome.Out, Does.Contain("2 tasks, 12 test cases, **smoke-checked, not judged: accuracy not evaluated.**"));
        var summary = await BenchReportWriter.ReadSummaryAsync(temp.Combine("eval", BenchReportWriter.SummaryJson));
        Assert.That((summary.Judgement, summary.Accuracy, summary.StartFailed, summary.StartFailedRate), Is.EqualTo((BenchCaseJudgement.Smoke, (double?)null, 12, 100.0)));
    }

    [Test]
    public async Task Training_split_tasks_without_test_cases_are_refused_before_any_site_is_generated()
    {
        using var temp = new TempDirectory();
        var train = (await BenchDataset.LoadDefaultAsync()).Tasks.Take(3).Select(t => t with { Cases = [] });
        await ParquetDatasets.WriteAsync(temp.Combine("train.parquet"), train);

        var outcome = await CliHarness.RunAsync(Offline, CancellationToken.None, "bench", "--data", temp.Combine("train.parquet"), "--out", temp.Combine("out"));

        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Error, Does.Contain("3 selected task(s) have no UI test cases to evaluate (000001, 000002, 000003); select tasks of the test set."));
        Assert.That(Directory.Exists(temp.Combine("out")), Is.False);
    }

    /// <summary>A number in an accuracy cell or after the word: "Accuracy 100.0", "| 57.1 |" under Accuracy, "accuracy: 100%".</summary>
    [GeneratedRegex(@"accuracy[^\n|]{0,3}\d", RegexOptions.IgnoreCase)]
    private static partial Regex AccuracyNumber();
}
