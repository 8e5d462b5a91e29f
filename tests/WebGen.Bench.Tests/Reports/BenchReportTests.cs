using Microsoft.Playwright;
using WebGen.Bench.Tests.Evaluation;
using WebGen.Testing;

namespace WebGen.Bench.Tests.Reports;

public sealed class BenchReportTests
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private TempDirectory _temp = null!;

    [OneTimeSetUp]
    public async Task StartBrowser()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium" });
    }

    [OneTimeTearDown]
    public async Task StopBrowser()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task The_benchmark_report_renders_in_chromium_with_tables_chart_and_screenshots()
    {
        var bench = new ScriptedBench(_temp, await ScriptedBench.LoadTasksAsync(), "000003");
        var summary = await bench.Evaluator().EvaluateAsync(bench.Request());

        var (page, errors, requests) = await OpenAsync(Path.Combine(bench.Output, BenchReportWriter.HtmlReport));
        await using var _ = page.Context;

        Assert.That(await page.Locator("#accuracy").InnerTextAsync(), Is.EqualTo(summary.Accuracy!.Value.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)));
        var headers = await page.Locator("#summary th").AllInnerTextsAsync();
        Assert.That(headers, Is.EqualTo(new[] { "Name", "YES", "PARTIAL", "NO", "Start failed", "Accuracy", "Content Presentation", "User Interaction", "Data Management", "Functional Testing", "Data Display Testing", "Design Validation Testing", "Appearance" }));
        Assert.That(await page.Locator("#chart rect.bar").CountAsync(), Is.EqualTo(7), "overall + 3 task categories + 3 case categories");
        var images = await page.EvaluateAsync<int[][]>("() => Array.from(document.images).map(i => [i.complete ? 1 : 0, i.naturalWidth])");
        Assert.That(images, Has.Length.EqualTo(2), "one home-page screenshot per site that started");
        Assert.That(images.Select(i => i[0] == 1 && i[1] > 0), Is.All.True);
        Assert.That(await page.Locator("#task-000003").InnerTextAsync(), Does.Contain("start failed"));
        Assert.That(errors, Is.Empty);
        Assert.That(requests.Where(u => !u.StartsWith("file:", StringComparison.Ordinal) && !u.StartsWith("data:", StringComparison.Ordinal)), Is.Empty);
        Assert.That(await page.EvaluateAsync<int>("() => document.scripts.length"), Is.Zero);
    }

    [Test]
    public async Task A_smoke_checked_report_shows_no_accuracy_and_the_smoke_check_under_its_own_name()
    {
        var bench = new ScriptedBench(_temp, await ScriptedBench.LoadTasksAsync(), "000003");
        var smoke = bench.Agent(judgement: BenchCaseJudgement.Smoke, answer: c => c.Index == 0 ? "NO: 3 of 4 buttons and links caused errors." : "YES: all 4 buttons and links worked without errors.");
        var summary = await bench.Evaluator(smoke).EvaluateAsync(bench.Request());

        var (page, errors, _) = await OpenAsync(Path.Combine(bench.Output, BenchReportWriter.HtmlReport));
        await using var context = page.Context;

        Assert.That(summary.SmokePassRate, Is.EqualTo(50.0), "7 of 14 cases: two first cases failed, one site did not start");
        Assert.That(await page.Locator("#accuracy").InnerTextAsync(), Is.EqualTo("not evaluated"));
        var cells = await page.Locator("#summary tbody td").AllInnerTextsAsync();
        Assert.That(cells.Skip(1).Take(3), Is.All.EqualTo("not evaluated"), "YES, PARTIAL and NO rates");
        Assert.That(cells.Skip(5).Take(7), Is.All.EqualTo("not evaluated"), "accuracy and the six category accuracies");
        Assert.That(await page.Locator("#not-evaluated").InnerTextAsync(), Does.StartWith("Smoke check only: accuracy not evaluated."));
        Assert.That(await page.Locator("#smoke-pass-rate").InnerTextAsync(), Is.EqualTo("50.0"));
        Assert.That(await page.Locator("#chart").GetAttributeAsync("aria-label"), Does.Contain("Smoke check pass rate").And.Contain("not an accuracy"));
        Assert.That(await page.Locator(".badge.smoke-pass").CountAsync(), Is.EqualTo(14), "7 in the task headers and 7 in the case tables");
        Assert.That(await page.Locator(".badge.smoke-fail").CountAsync(), Is.EqualTo(4));
        Assert.That(await page.Locator(".badge.yes, .badge.partial, .badge.no").CountAsync(), Is.Zero);
        Assert.That(await page.Locator("body").InnerTextAsync(), Does.Not.Contain("Accuracy = (YES"));
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public async Task Dataset_text_is_shown_literally_never_as_markup()
    {
        const string hostile = "<img src=x onerror=alert(1)> & <b>bold</b>";
        var line = $$$"""{"id": "x1", "instruction": "{{{hostile}}}", "Category": {"primary_category": "User Interaction"}, "ui_instruct": [{"task": "{{{hostile}}}", "expected_result": "ok", "task_category": {"primary_category": "Functional Testing"}}]}""";
        var tasks = BenchDataset.Parse(line).Tasks;
        Directory.CreateDirectory(_temp.Combine("sites", "x1"));
        var agent = new HostileAgent();
        var evaluator = new BenchEvaluator(FakeSandbox.AlwaysRunning(), agent);
        await evaluator.EvaluateAsync(new BenchEvaluationRequest { Tasks = tasks, SitesDirectory = _temp.Combine("sites"), OutputDirectory = _temp.Combine("out"), Name = "<i>agent</i>" });

        var (page, errors, _) = await OpenAsync(_temp.Combine("out", BenchReportWriter.HtmlReport));
        await using var context = page.Context;

        Assert.That(await page.EvaluateAsync<int>("() => document.images.length + document.querySelectorAll('b, i').length"), Is.Zero);
        Assert.That(await page.Locator("#task-x1 .instruction").TextContentAsync(), Is.EqualTo(hostile));
        Assert.That(await page.Locator("#task-x1 table.cases").TextContentAsync(), Does.Contain(hostile).And.Contain("</script>"));
        Assert.That(await page.Locator("h1").InnerTextAsync(), Does.Contain("<i>agent</i>"));
        Assert.That(errors, Is.Empty);
    }

    private async Task<(IPage Page, List<string> Errors, List<string> Requests)> OpenAsync(string path)
    {
        var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        var seen = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                consoleErrors.Add(m.Text);
            }
        };
        page.PageError += (_, e) => consoleErrors.Add(e);
        page.Request += (_, r) => seen.Add(r.Url);
        await page.GotoAsync(new Uri(path).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });
        return (page, consoleErrors, seen);
    }

    private sealed class HostileAgent : IBenchCaseAgent
    {
        public BenchCaseJudgement Judgement => BenchCaseJudgement.Agent;

        public Task<BenchCaseRun> RunCaseAsync(BenchCaseRequest request, CancellationToken cancellationToken = default)
            => Task.FromResult(new BenchCaseRun { FinalAnswer = "YES </script><script>alert(2)</script>" });
    }
}
