using System.Net;
using System.Text;

namespace WebGen.Bench.Tests.WebBench;

/// <summary>
/// The agent-driven solver end to end: a scripted model over the OpenAI protocol (the loopback server) drives the real
/// <see cref="WebGenAgent"/> — its steps run the site in the real sandbox — through the real harness on the dom project,
/// cut to task 1 so CI stays quick. The first attempt writes a known-bad change, the retry (which must see the failing
/// assertions) writes the reference solution's files: the harness scores exactly that.
/// </summary>
public sealed class WebBenchAgentSolverTests
{
    private const string Finish = "<boltAction type=\"finish\"/>";
    private const string BadChange = "<boltArtifact id=\"task\" title=\"Task\"><boltAction type=\"file\" filePath=\"src/index.js\">throw new Error('the model broke the page')\n</boltAction></boltArtifact>";

    [Test]
    public async Task A_scripted_model_fails_task_1_then_passes_it_on_the_retry_with_the_test_errors()
    {
        using var temp = new TempDirectory();
        await using var sandbox = WebBenchData.Sandbox();
        var harness = new WebBenchHarness(sandbox, WebBenchData.Options());
        var full = await WebBenchData.Open().LoadProjectAsync("dom");
        var dom = full with { Tasks = [full.Tasks[0]], Specs = full.Specs.Where(s => s.Key <= 1).ToDictionary() };
        var goodChange = ChangeFrom(dom.SolutionDirectory);
        await using var server = await OpenAICompatibleServer.StartAsync(call => ScriptedReply.Text(
            call.Messages.Count > 2 ? Finish
            : call.LastUserText.Contains("did not pass the tests", StringComparison.Ordinal) ? goodChange
            : BadChange));
        var components = new WebGenComponents
        {
            Sandbox = sandbox,
            PageCapturer = new FakePageCapturer(),
            ScreenshotJudge = FakeScreenshotJudge.Constant(4),
            GuiTester = FakeGuiTester.Passing(),
        };
        var agent = new WebGenAgent(server.CreateChatClient(), components, new WebGenAgentOptions { RunsDirectory = temp.Combine("unused") });
        var solver = new AgentWebBenchSolver(agent, temp.Combine("agent-runs"), maxIterations: 2);

        var summary = await harness.RunAsync(new WebBenchRunRequest { Projects = [dom], OutputDirectory = temp.Combine("out"), Mode = WebBenchRunMode.Solver, Solver = solver, Name = "scripted-agent" });

        var result = summary.Projects.Single();
        TestContext.Out.WriteLine(WebBenchMarkdown.Render(summary));
        foreach (var attempt in result.Attempts)
        {
            TestContext.Out.WriteLine($"task {attempt.Task} attempt {attempt.Attempt}: evaluated in {attempt.Evaluation.Duration.TotalSeconds:0.0} s (site {attempt.Evaluation.Site.Duration.TotalSeconds:0.0} s); {attempt.SolverMessage}");
        }

        Assert.That(result.Attempts.Select(a => (a.Task, a.Attempt, a.Passed)), Is.EqualTo(new[] { (1, 1, false), (1, 2, true) }));
        Assert.That((result.Score.PassTasks1, result.Score.PassTasks2, result.Score.Errors1), Is.EqualTo((0, 1, 1)), "error@1 counts the failed first attempt");
        Assert.That(result.Attempts.Select(a => a.SolverMessage), Has.All.Contain("2 steps, Finished, chose step 2"), "select-best keeps the finish step, whose files are the code step's");
        Assert.That(result.Attempts[1].Evaluation.Cases.Where(c => c.Status != WebBenchCaseStatus.Skipped), Has.All.Property(nameof(WebBenchCaseResult.Passed)).True);

        var taskCalls = server.Calls.Where(c => c.Messages.Count == 2).ToList();
        Assert.That(taskCalls, Has.Count.EqualTo(2), "one agent run per attempt");
        var first = taskCalls[0].LastUserText;
        Assert.That(first, Does.StartWith(dom.Tasks[0].Description.Trim()));
        Assert.That(first, Does.Contain("--- src/index.html ---\n" + File.ReadAllText(Path.Combine(dom.InitialSourceDirectory, "index.html"))), "the model sees src-init's files");
        Assert.That(first, Does.Not.Contain("test/task-1.spec.js"), "the tests stay hidden, as in the benchmark");

        var failing = result.Attempts[0].Evaluation.Cases.First(c => !c.Passed && c.Status != WebBenchCaseStatus.Skipped);
        var retry = taskCalls[1].LastUserText;
        Assert.That(retry, Does.Contain("did not pass the tests").And.Contain(failing.Title), "the retry gets the failing cases");
        Assert.That(retry, Does.Contain(failing.Error!.Split('\n')[0]), "with their errors");
        Assert.That(retry, Does.Contain("throw new Error('the model broke the page')"), "and starts from the failed attempt's source");

        var kept = temp.Combine("out", "projects", "dom", "snapshots", "task-01-2", "common", "entry.js");
        Assert.That(File.ReadAllText(kept).Trim(), Is.EqualTo(File.ReadAllText(Path.Combine(dom.SolutionDirectory, "common", "entry.js")).Trim()), "the agent's files became the attempt's source");
    }

    /// <summary>A Bolt answer that writes every file of <paramref name="source"/> under <c>src/</c> (entities encoded, as the parser decodes them).</summary>
    private static string ChangeFrom(string source)
    {
        var text = new StringBuilder("<boltArtifact id=\"task\" title=\"Task\">");
        foreach (var path in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(source, path).Replace('\\', '/');
            text.Append("<boltAction type=\"file\" filePath=\"src/").Append(relative).Append("\">")
                .Append(WebUtility.HtmlEncode(File.ReadAllText(path)))
                .Append("</boltAction>");
        }

        return text.Append("</boltArtifact>").ToString();
    }
}
