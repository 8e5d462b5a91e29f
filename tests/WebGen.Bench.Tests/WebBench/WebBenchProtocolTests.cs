namespace WebGen.Bench.Tests.WebBench;

/// <summary>
/// The protocol end to end on the dom project, with a scripted solver in place of a model: task 1 gets a known-good
/// change, task 2 a known-bad one and then the good one on its retry, task 3 a bad change twice — so the run ends there,
/// and the scores, the retry's error text, the snapshots and the report can be checked exactly.
/// </summary>
public sealed class WebBenchProtocolTests
{
    [Test]
    public async Task Scripted_good_and_bad_changes_score_exactly_and_the_retry_sees_the_failing_assertions()
    {
        using var temp = new TempDirectory();
        await using var sandbox = WebBenchData.Sandbox();
        var harness = new WebBenchHarness(sandbox, WebBenchData.Options());
        var dom = await WebBenchData.Open().LoadProjectAsync("dom");
        var solver = new ScriptedSolver(dom);

        var summary = await harness.RunAsync(new WebBenchRunRequest { Projects = [dom], OutputDirectory = temp.Path, Mode = WebBenchRunMode.Solver, Solver = solver, Name = "scripted" });

        var result = summary.Projects.Single();
        TestContext.Out.WriteLine(WebBenchMarkdown.Render(summary));
        Assert.That(result.Attempts.Select(a => (a.Task, a.Attempt, a.Passed)), Is.EqualTo(new[] { (1, 1, true), (2, 1, false), (2, 2, true), (3, 1, false), (3, 2, false) }));
        Assert.That(solver.Calls, Is.EqualTo(new[] { (1, 1), (2, 1), (2, 2), (3, 1), (3, 2) }), "the run ends after the failed retry of task 3");
        Assert.That((result.Score.PassTasks1, result.Score.PassTasks2, result.Score.Errors1), Is.EqualTo((1, 2, 2)));
        Assert.That((result.Score.Pass1, result.Score.Pass2, result.Score.Error1), Is.EqualTo((5.0, 10.0, 10.0)));

        var firstOfTask2 = result.Attempts[1].Evaluation;
        Assert.That(firstOfTask2.Site.Started, Is.True, "a broken script still serves the page");
        Assert.That(firstOfTask2.Cases.Select(c => c.File).Distinct(), Is.EqualTo(new[] { "test/init.spec.js", "test/task-1.spec.js", "test/task-2.spec.js" }), "init and tasks 1 … 2 run");
        var failing = firstOfTask2.Cases.First(c => !c.Passed);
        Assert.That(solver.RetryErrors, Does.Contain(failing.Title).And.Contain(failing.Error!), "the retry gets the failing cases with their assertions");
        Assert.That(failing.Screenshots, Is.Not.Empty);
        Assert.That(File.Exists(temp.Combine(failing.Screenshots[0])), Is.True);
        Assert.That(Directory.Exists(temp.Combine("projects", "dom", "snapshots", "task-02-2")), Is.True);

        Assert.That(result.Score.Cases, Is.EqualTo(92), "cases of tasks never reached count, as not passed");
        Assert.That(result.Cases.Where(c => c.Task > 3).All(c => c.Status == WebBenchCaseStatus.NotRun), Is.True);
        var html = File.ReadAllText(temp.Combine("report.html"));
        Assert.That(html, Does.Contain(System.Net.WebUtility.HtmlEncode(failing.Title)).And.Contain("data:image/png;base64,"));
        Assert.That(summary.ClosingLine, Is.EqualTo(WebBenchScoring.ClosingLine(result.Score.CasesPassed, 92)));
    }

    [Test]
    public async Task Another_tools_attempt_snapshots_are_replayed_through_the_protocol()
    {
        using var temp = new TempDirectory();
        await using var sandbox = WebBenchData.Sandbox();
        var harness = new WebBenchHarness(sandbox, WebBenchData.Options());
        var dom = await WebBenchData.Open().LoadProjectAsync("dom");

        // The tool recorded task 1 (the reference solution) and nothing for task 2.
        WebBenchSiteWorkspace.CopyDirectory(dom.SolutionDirectory, temp.Combine("solutions", "dom", "task-1", "attempt-1"));

        var summary = await harness.RunAsync(new WebBenchRunRequest { Projects = [dom], OutputDirectory = temp.Combine("out"), Mode = WebBenchRunMode.Solutions, SolutionsDirectory = temp.Combine("solutions") });

        var result = summary.Projects.Single();
        Assert.That(result.Attempts.Select(a => (a.Task, a.Attempt, a.Passed)), Is.EqualTo(new[] { (1, 1, true), (2, 1, false), (2, 2, false) }));
        Assert.That(result.Attempts[1].Evaluation.RunErrors.Single(), Does.Contain("No snapshot of task-2 attempt 1"));
        Assert.That(result.Attempts[1].Evaluation.Cases.All(c => c.Status == WebBenchCaseStatus.NotRun), Is.True, "a missing snapshot runs no test");
        Assert.That((result.Score.PassTasks1, result.Score.PassTasks2, result.Score.Errors1), Is.EqualTo((1, 1, 1)));
        Assert.That(result.Score.Cases, Is.EqualTo(92));
    }

    /// <summary>Writes the reference solution (known good) or a script that throws at load (known bad), by plan.</summary>
    private sealed class ScriptedSolver(WebBenchProject project) : IWebBenchSolver
    {
        public List<(int Task, int Attempt)> Calls { get; } = [];

        public string RetryErrors { get; private set; } = "";

        public Task<WebBenchSolverResult> ImplementAsync(WebBenchSolverRequest request, CancellationToken cancellationToken)
        {
            Calls.Add((request.Task.Number, request.Attempt));
            if (request.Task.Number == 2 && request.Attempt == 2)
            {
                RetryErrors = request.PreviousErrors ?? "";
            }

            var good = request.Task.Number == 1 || (request.Task.Number == 2 && request.Attempt == 2);
            WebBenchSiteWorkspace.ReplaceSource(Path.GetDirectoryName(request.SourceDirectory)!, project.SolutionDirectory);
            if (!good)
            {
                File.WriteAllText(Path.Combine(request.SourceDirectory, "index.js"), "throw new Error('the model broke the page')\n");
            }

            return Task.FromResult(WebBenchSolverResult.Done(good ? "reference solution" : "a broken index.js"));
        }
    }
}
