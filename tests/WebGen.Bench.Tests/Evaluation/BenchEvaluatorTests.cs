using WebGen.Testing;

namespace WebGen.Bench.Tests.Evaluation;

public sealed class BenchEvaluatorTests
{
    private TempDirectory _temp = null!;
    private IReadOnlyList<BenchTask> _tasks = null!;

    [OneTimeSetUp]
    public async Task LoadTasks() => _tasks = await ScriptedBench.LoadTasksAsync();

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task Scores_three_real_tasks_as_computed_by_hand()
    {
        var bench = new ScriptedBench(_temp, _tasks);

        var summary = await bench.Evaluator().EvaluateAsync(bench.Request());

        // 000002: Y P N Y P | 000003: Y Y N P (no answer) | 000010: N Y P Y  → 6 YES, 4 PARTIAL, 4 NO of 14.
        Assert.That((summary.Cases, summary.Yes, summary.Partial, summary.No, summary.StartFailed, summary.Pending, summary.Unreadable), Is.EqualTo((14, 6, 4, 4, 0, 0, 1)));
        Assert.That(summary.Accuracy, Is.EqualTo(100.0 * 8 / 14).Within(1e-9));
        Assert.That(summary.YesRate, Is.EqualTo(100.0 * 6 / 14).Within(1e-9));
        Assert.That(summary.PartialRate, Is.EqualTo(100.0 * 4 / 14).Within(1e-9));
        Assert.That(summary.NoRate, Is.EqualTo(100.0 * 4 / 14).Within(1e-9));
        Assert.That(summary.StartFailedRate, Is.Zero);
        Assert.That(summary.Appearance, Is.EqualTo(4.0).Within(1e-9));
        Assert.That(summary.ByTaskCategory.Select(c => (c.Category, c.Cases, c.Accuracy)), Is.EqualTo(new[]
        {
            ("Content Presentation", 5, 60.0),
            ("User Interaction", 4, 62.5),
            ("Data Management", 5, 50.0),
        }));
        Assert.That(summary.ByCaseCategory.Select(c => (c.Category, c.Cases, c.Yes, c.Partial, c.No)), Is.EqualTo(new[]
        {
            ("Functional Testing", 4, 1, 2, 1),
            ("Data Display Testing", 6, 3, 1, 2),
            ("Design Validation Testing", 4, 2, 1, 1),
        }));
        Assert.That(summary.ByCaseCategory.Select(c => c.Accuracy), Is.EqualTo(new[] { 50.0, 350.0 / 6, 62.5 }).Within(1e-9));
        Assert.That(summary.IsComplete, Is.True);
        Assert.That(summary.CompletedSites, Is.EqualTo(3));
        Assert.That(bench.CaseCalls, Has.Count.EqualTo(14));
        Assert.That(bench.Sandbox.Sessions.All(s => s.IsDisposed), Is.True, "every sandbox session is stopped");
    }

    [Test]
    public async Task Writes_json_markdown_and_html_reports()
    {
        var bench = new ScriptedBench(_temp, _tasks);

        await bench.Evaluator().EvaluateAsync(bench.Request());

        var json = await BenchReportWriter.ReadSummaryAsync(Path.Combine(bench.Output, BenchReportWriter.SummaryJson));
        Assert.That(json.Accuracy, Is.EqualTo(100.0 * 8 / 14).Within(1e-9));
        Assert.That(json.TaskScores.Select(t => t.Outcomes.Count), Is.EqualTo(new[] { 5, 5, 4 }));
        var markdown = await File.ReadAllTextAsync(Path.Combine(bench.Output, BenchReportWriter.SummaryMarkdown));
        Assert.That(markdown, Does.Contain("| Name | YES | PARTIAL | NO | Start Failed | Accuracy | Content Presentation | User Interaction | Data Management | Functional Testing | Data Display Testing | Design Validation Testing | Appearance |"));
        Assert.That(markdown, Does.Contain("| scripted | 42.9 | 28.6 | 28.6 | 0.0 | 57.1 | 60.0 | 62.5 | 50.0 | 50.0 | 58.3 | 62.5 | 4.0 |"));
        Assert.That(File.Exists(Path.Combine(bench.Output, BenchReportWriter.HtmlReport)), Is.True);
        Assert.That(Directory.EnumerateFileSystemEntries(bench.Output, "*.tmp-*", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public async Task A_site_that_does_not_start_scores_no_on_all_cases_and_appearance_zero()
    {
        var bench = new ScriptedBench(_temp, _tasks, "000003");
        var progress = new ListProgress();

        var summary = await bench.Evaluator().EvaluateAsync(bench.Request(), progress);

        Assert.That((summary.Yes, summary.Partial, summary.No, summary.StartFailed, summary.StartFailedSites), Is.EqualTo((4, 3, 2, 5, 1)));
        Assert.That(summary.Accuracy, Is.EqualTo(100.0 * 5.5 / 14).Within(1e-9));
        Assert.That(summary.StartFailedRate, Is.EqualTo(100.0 * 5 / 14).Within(1e-9));
        Assert.That(summary.Appearance, Is.EqualTo(3.0).Within(1e-9), "(4 + 0 + 5) / 3");
        Assert.That(summary.ByTaskCategory.Single(c => c.Category == "Data Management").Accuracy, Is.Zero);
        Assert.That(summary.ByCaseCategory.Select(c => c.Accuracy), Is.EqualTo(new[] { 12.5, 250.0 / 6, 62.5 }).Within(1e-9));
        Assert.That(bench.CaseCalls.Select(c => c.TaskId), Has.None.EqualTo("000003"));
        var failed = summary.TaskScores.Single(t => t.TaskId == "000003");
        Assert.That(failed.StartFailed, Is.True);
        Assert.That(failed.Outcomes, Is.All.EqualTo(BenchCaseOutcome.StartFailed));
        Assert.That(failed.Appearance, Is.Zero);
        var site = (await BenchResults.LoadAsync(bench.Output)).GetSite("000003")!;
        Assert.That(site.StartFailure, Does.Contain("installing dependencies failed"));
        Assert.That(progress.Items.Single(p => p.Kind == BenchProgressKind.SiteStartFailed).TaskId, Is.EqualTo("000003"));
        Assert.That(progress.Items.Max(p => p.CompletedCases), Is.EqualTo(14));
        Assert.That(progress.Items.Max(p => p.CompletedTasks), Is.EqualTo(3));
    }

    [Test]
    public async Task A_task_without_a_site_folder_counts_as_start_failed()
    {
        var bench = new ScriptedBench(_temp, _tasks);
        Directory.Delete(Path.Combine(bench.SitesDirectory, "000010"), recursive: true);

        var summary = await bench.Evaluator().EvaluateAsync(bench.Request());

        Assert.That(summary.StartFailed, Is.EqualTo(4));
        Assert.That((await BenchResults.LoadAsync(bench.Output)).GetSite("000010")!.StartFailure, Does.Contain("no site folder named 000010"));
        Assert.That(bench.Sandbox.Sessions.Select(s => Path.GetFileName(s.WorkspacePath)), Is.EquivalentTo(new[] { "000002", "000003" }));
    }

    [Test]
    public async Task Resumes_after_a_kill_without_rerunning_finished_cases_and_reaches_the_same_totals()
    {
        var bench = new ScriptedBench(_temp, _tasks);
        using var kill = new CancellationTokenSource();
        var calls = 0;
        var killing = bench.Agent(async (_, token) =>
        {
            if (Interlocked.Increment(ref calls) == 6)
            {
                await kill.CancelAsync();
                await Task.Delay(Timeout.Infinite, token);
            }
        });

        Assert.That(
            async () => await bench.Evaluator(killing).EvaluateAsync(bench.Request(), cancellationToken: kill.Token),
            Throws.InstanceOf<OperationCanceledException>());
        var answeredBeforeKill = bench.CaseCalls.ToHashSet();
        Assert.That(answeredBeforeKill, Has.Count.InRange(1, 13));
        Assert.That(File.Exists(Path.Combine(bench.Output, BenchReportWriter.SummaryJson)), Is.False, "no summary is written for a killed run");
        var partial = await BenchResults.LoadAsync(bench.Output);
        var finishedBeforeKill = _tasks.SelectMany(t => partial.GetCases(t.Id).Select(c => (t.Id, c.CaseIndex))).ToHashSet();
        Assert.That(finishedBeforeKill, Is.EquivalentTo(answeredBeforeKill), "every answered case was recorded");

        // A half-written record of the killed run must not count.
        var leftover = Path.Combine(bench.Output, "results", "000010", "case-03.tmp-999-deadbeef");
        Directory.CreateDirectory(leftover);
        await File.WriteAllTextAsync(Path.Combine(leftover, "case.json"), "{\"taskId\": \"000010\", \"caseIndex\": 3, \"finalAns");

        var rerun = new ScriptedBench(_temp, _tasks);
        var summary = await rerun.Evaluator().EvaluateAsync(rerun.Request());

        Assert.That(rerun.CaseCalls.ToHashSet().Overlaps(finishedBeforeKill), Is.False, "no finished case is run again");
        Assert.That(rerun.CaseCalls.Count + finishedBeforeKill.Count, Is.EqualTo(14));
        Assert.That(Directory.Exists(leftover), Is.False);

        using var fresh = new TempDirectory();
        var uninterrupted = new ScriptedBench(fresh, _tasks);
        var expected = await uninterrupted.Evaluator().EvaluateAsync(uninterrupted.Request());
        Assert.That(summary with { CreatedAt = default }, Is.EqualTo(expected with { CreatedAt = default }).Using<BenchSummary>(SameScores));
    }

    [Test]
    public async Task A_rerun_of_a_finished_evaluation_runs_nothing()
    {
        var bench = new ScriptedBench(_temp, _tasks, "000003");
        var first = await bench.Evaluator().EvaluateAsync(bench.Request());
        var rerun = new ScriptedBench(_temp, _tasks, "000003");
        var progress = new ListProgress();

        var second = await rerun.Evaluator().EvaluateAsync(rerun.Request(), progress);

        Assert.That(rerun.CaseCalls, Is.Empty);
        Assert.That(rerun.Sandbox.Sessions, Is.Empty);
        Assert.That(progress.Items.Select(p => p.Kind), Is.All.EqualTo(BenchProgressKind.SiteSkipped));
        Assert.That(SameScores(first, second), Is.True);
    }

    [Test]
    public async Task A_failing_case_is_recorded_retried_next_run_and_never_stops_the_batch()
    {
        var bench = new ScriptedBench(_temp, _tasks);
        var flaky = bench.Agent((r, _) => r.Case is { TaskId: "000002", Index: 1 } ? throw new HttpRequestException("the vision model endpoint refused the connection") : Task.CompletedTask);
        var progress = new ListProgress();

        var first = await bench.Evaluator(flaky).EvaluateAsync(bench.Request(), progress);

        Assert.That(first.IsComplete, Is.False);
        Assert.That(first.Pending, Is.EqualTo(1));
        Assert.That(first.CompletedSites, Is.EqualTo(2));
        var failure = first.TaskScores.Single(t => t.TaskId == "000002").Failures.Single();
        Assert.That((failure.Stage, failure.Message), Is.EqualTo(("case 1", "HttpRequestException: the vision model endpoint refused the connection")));
        Assert.That(progress.Items.Single(p => p.Kind == BenchProgressKind.SiteFailed).Message, Does.Contain("refused"));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(bench.Output, BenchReportWriter.SummaryMarkdown)), Does.Contain("**Incomplete:** 1 cases and 1 sites"));

        var rerun = new ScriptedBench(_temp, _tasks);
        var second = await rerun.Evaluator().EvaluateAsync(rerun.Request());

        Assert.That(rerun.CaseCalls, Is.EqualTo(new[] { ("000002", 1) }));
        Assert.That(second.IsComplete, Is.True);
        Assert.That(second.Accuracy, Is.EqualTo(100.0 * 8 / 14).Within(1e-9));
        Assert.That(second.TaskScores.SelectMany(t => t.Failures), Is.Empty);
    }

    [Test]
    public async Task Secrets_echoed_by_sites_and_agents_are_redacted_from_results_reports_and_progress()
    {
        const string key = "sk-bench-secret-0a1b2c3d4e";
        var bench = new ScriptedBench(_temp, _tasks);
        var sandbox = new FakeSandbox(session => Path.GetFileName(session.WorkspacePath) == "000003"
            ? FakeSandbox.Failed(SandboxFailureKind.StartFailed, $"Error: invalid token {key}")
            : FakeSandbox.Running(new Uri($"http://127.0.0.1:9/{Path.GetFileName(session.WorkspacePath)}/")));
        var leaky = bench.Agent((r, _) => r.Case is { TaskId: "000002", Index: 1 } ? throw new HttpRequestException($"401 for key {key}") : Task.CompletedTask);
        var progress = new ListProgress();
        var options = new BenchEvaluatorOptions { MaxConcurrentSites = 2, SecretRedactor = new SecretRedactor([key]) };

        await new BenchEvaluator(sandbox, leaky, ScriptedBench.Grader(), options).EvaluateAsync(bench.Request(), progress);

        Assert.That(progress.Items.Select(p => p.Message ?? ""), Has.None.Contains(key));
        Assert.That(progress.Items.Select(p => p.Message ?? ""), Has.Some.Contains("401 for key [REDACTED]"));
        var files = Directory.EnumerateFiles(bench.Output, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".png", StringComparison.Ordinal)).ToList();
        Assert.That(files, Is.Not.Empty);
        foreach (var file in files)
        {
            Assert.That(await File.ReadAllTextAsync(file), Does.Not.Contain(key), file);
        }

        Assert.That(await File.ReadAllTextAsync(Path.Combine(bench.Output, "results", "000003", "site.json")), Does.Contain("invalid token [REDACTED]"));
    }

    [Test]
    public async Task A_case_that_hangs_times_out_and_scores_no()
    {
        var bench = new ScriptedBench(_temp, [.. _tasks.Where(t => t.Id == "000010")]);
        var hanging = bench.Agent((r, token) => r.Case.Index == 2 ? Task.Delay(Timeout.Infinite, token) : Task.CompletedTask);

        var summary = await bench.Evaluator(hanging, new BenchEvaluatorOptions { CaseTimeout = TimeSpan.FromSeconds(1) }).EvaluateAsync(bench.Request());

        Assert.That(summary.IsComplete, Is.True);
        Assert.That(summary.TaskScores.Single().Outcomes, Is.EqualTo(new[] { BenchCaseOutcome.No, BenchCaseOutcome.Yes, BenchCaseOutcome.No, BenchCaseOutcome.Yes }));
        var record = (await BenchResults.LoadAsync(bench.Output)).GetCases("000010")[2];
        Assert.That(record.Failure, Does.Contain("did not finish within"));
    }

    [Test]
    public async Task The_two_verdict_modes_score_the_same_answers_differently()
    {
        var bench = new ScriptedBench(_temp, _tasks);
        var exact = await bench.Evaluator().EvaluateAsync(bench.Request());
        var results = await BenchResults.LoadAsync(bench.Output);

        var reference = results.Summarize(_tasks, BenchVerdictMode.Reference, "scripted");
        var rerunInReferenceMode = await new ScriptedBench(_temp, _tasks).Evaluator(options: new BenchEvaluatorOptions { VerdictMode = BenchVerdictMode.Reference }).EvaluateAsync(bench.Request());

        // Reference mode: "…the YES button did nothing\nANSWER; NO" contains YES → 1; the unanswered case is a plain NO.
        Assert.That((reference.Yes, reference.Partial, reference.No, reference.Unreadable), Is.EqualTo((7, 4, 3, 0)));
        Assert.That(reference.Accuracy, Is.EqualTo(100.0 * 9 / 14).Within(1e-9));
        Assert.That((exact.Yes, exact.No, exact.Unreadable), Is.EqualTo((6, 4, 1)));
        Assert.That(rerunInReferenceMode.Accuracy, Is.EqualTo(reference.Accuracy).Within(1e-9));
        Assert.That(rerunInReferenceMode.VerdictMode, Is.EqualTo(BenchVerdictMode.Reference));
    }

    [Test]
    public async Task Never_runs_more_sandboxes_at_once_than_allowed()
    {
        var bench = new ScriptedBench(_temp, _tasks);
        var counting = new CountingSandbox(bench.Sandbox);
        var slow = bench.Agent((_, token) => Task.Delay(20, token));

        var summary = await new BenchEvaluator(counting, slow, ScriptedBench.Grader(), new BenchEvaluatorOptions { MaxConcurrentSites = 2 }).EvaluateAsync(bench.Request());

        Assert.That(summary.IsComplete, Is.True);
        Assert.That(counting.Opened, Is.EqualTo(3));
        Assert.That(counting.MaxOpen, Is.InRange(1, 2));
        Assert.That(counting.Open, Is.Zero, "every session was stopped");
    }

    [Test]
    public async Task Records_the_trajectory_and_prompt_of_every_case()
    {
        var bench = new ScriptedBench(_temp, [.. _tasks.Where(t => t.Id == "000002")]);

        await bench.Evaluator().EvaluateAsync(bench.Request());

        var results = await BenchResults.LoadAsync(bench.Output, includeTrajectoryScreenshots: true);
        var first = results.GetCases("000002")[0];
        Assert.That(first.Prompt, Does.Contain("Task: " + _tasks[0].Cases[0].Task).And.Contain("Expected Result: " + _tasks[0].Cases[0].ExpectedResult).And.Contain("at most 15 times"));
        Assert.That(first.Trajectory.Select(s => s.Action), Is.EqualTo(new[] { GuiActionKind.Click, GuiActionKind.Answer }));
        Assert.That(first.Trajectory[0].ScreenshotAfter.ToArray(), Is.EqualTo(FakePageCapturer.OnePixelPng.ToArray()));
        Assert.That(File.Exists(Path.Combine(bench.Output, "results", "000002", "case-00", "gui-00.png")), Is.True);
        Assert.That(results.GetAppearance("000002")!.Screenshots, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Evaluating_with_a_missing_sites_folder_or_no_task_is_a_clear_error()
    {
        var bench = new ScriptedBench(_temp, _tasks);
        var evaluator = bench.Evaluator();

        var missing = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => evaluator.EvaluateAsync(bench.Request() with { SitesDirectory = _temp.Combine("nope") }));
        var none = await Assert.ThrowsAsync<ArgumentException>(() => evaluator.EvaluateAsync(bench.Request() with { Tasks = [] }));

        Assert.That(missing!.Message, Does.Contain("nope").And.Contain("one folder per task id"));
        Assert.That(none!.Message, Does.Contain("No task is selected"));
        Assert.That(() => new BenchEvaluator(bench.Sandbox, bench.Agent(), options: new BenchEvaluatorOptions { MaxConcurrentSites = 0 }), Throws.ArgumentException.With.Message.Contains("MaxConcurrentSites"));
    }

    [Test]
    public void Site_folders_are_found_by_padded_or_plain_id_and_single_nested_folders_are_descended()
    {
        var sites = _temp.Combine("sites");
        Directory.CreateDirectory(Path.Combine(sites, "7", "export", "my-app"));
        File.WriteAllText(Path.Combine(sites, "7", "export", "my-app", "package.json"), "{}");
        Directory.CreateDirectory(Path.Combine(sites, "000008"));
        File.WriteAllText(Path.Combine(sites, "000008", "package.json"), "{}");

        Assert.That(BenchEvaluator.FindSiteFolder(sites, "000007"), Is.EqualTo(Path.Combine(sites, "7", "export", "my-app")));
        Assert.That(BenchEvaluator.FindSiteFolder(sites, "000008"), Is.EqualTo(Path.Combine(sites, "000008")));
        Assert.That(BenchEvaluator.FindSiteFolder(sites, "000009"), Is.Null);
    }

    private static bool SameScores(BenchSummary a, BenchSummary b)
        => (a.Cases, a.Yes, a.Partial, a.No, a.StartFailed, a.Pending, a.Unreadable, a.Accuracy, a.Appearance, a.CompletedSites)
            == (b.Cases, b.Yes, b.Partial, b.No, b.StartFailed, b.Pending, b.Unreadable, b.Accuracy, b.Appearance, b.CompletedSites)
            && a.ByTaskCategory.SequenceEqual(b.ByTaskCategory)
            && a.ByCaseCategory.SequenceEqual(b.ByCaseCategory)
            && a.TaskScores.Select(t => (t.TaskId, string.Join(',', t.Outcomes), t.Appearance)).SequenceEqual(b.TaskScores.Select(t => (t.TaskId, string.Join(',', t.Outcomes), t.Appearance)));

    /// <summary>Counts sandbox sessions open at the same time.</summary>
    private sealed class CountingSandbox(ISandbox inner) : ISandbox
    {
        private int _open;
        private int _maxOpen;
        private int _opened;

        public int Open => Volatile.Read(ref _open);

        public int MaxOpen => Volatile.Read(ref _maxOpen);

        public int Opened => Volatile.Read(ref _opened);

        public async ValueTask<ISandboxSession> OpenSessionAsync(SandboxSessionRequest request, CancellationToken cancellationToken = default)
        {
            var session = await inner.OpenSessionAsync(request, cancellationToken);
            Interlocked.Increment(ref _opened);
            var open = Interlocked.Increment(ref _open);
            int max;
            while (open > (max = Volatile.Read(ref _maxOpen)) && Interlocked.CompareExchange(ref _maxOpen, open, max) != max)
            {
            }

            return new CountingSession(session, () => Interlocked.Decrement(ref _open));
        }

        private sealed class CountingSession(ISandboxSession inner, Action closed) : ISandboxSession
        {
            public Task<ShellCommandResult> RunShellAsync(string command, CancellationToken cancellationToken = default) => inner.RunShellAsync(command, cancellationToken);

            public Task<SandboxRunResult> EnsureRunningAsync(CancellationToken cancellationToken = default) => inner.EnsureRunningAsync(cancellationToken);

            public async ValueTask DisposeAsync()
            {
                await inner.DisposeAsync();
                closed();
            }
        }
    }
}
