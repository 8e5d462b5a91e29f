using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using WebGen.Testing;

namespace WebGen.Bench.Tests.Generation;

public sealed class BenchSiteGeneratorTests
{
    private const string Code = """
        <boltArtifact id="site" title="Site">
        <boltAction type="file" filePath="package.json">{"name": "site", "scripts": {"dev": "vite"}}</boltAction>
        <boltAction type="file" filePath="src/App.jsx">export default function App() { return <h1>Hello</h1>; }</boltAction>
        </boltArtifact>
        """;

    private const string Validate = "<boltAction type=\"screenshot_validated\"></boltAction>";
    private const string Finish = "<boltAction type=\"finish\"/>";
    private TempDirectory _temp = null!;
    private IReadOnlyList<BenchTask> _tasks = null!;

    [OneTimeSetUp]
    public async Task LoadTasks() => _tasks = (await TestData.LoadDatasetAsync()).Select("2,3");

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task Generates_one_site_folder_per_task_and_skips_them_on_rerun()
    {
        var model = new FakeChatClient(Answer);
        var agent = Agent(model);
        var progress = new Evaluation.ListProgress();

        var report = await new BenchSiteGenerator(_ => agent).GenerateAsync(_tasks, _temp.Path, progress);

        Assert.That(report.Generated, Is.EqualTo(new[] { "000002", "000003" }));
        Assert.That(report.SitesDirectory, Is.EqualTo(_temp.Combine("sites")));
        foreach (var id in report.Generated)
        {
            Assert.That(File.ReadAllText(_temp.Combine("sites", id, "src", "App.jsx")), Does.Contain("Hello"));
            Assert.That(File.Exists(_temp.Combine("sites", id, "package.json")), Is.True);
            Assert.That(File.Exists(_temp.Combine("runs", id, HtmlRunReport.FileName)), Is.True);
            var manifest = (await RunCheckpoint.LoadAsync(_temp.Combine("runs", id))).Manifest;
            Assert.That(manifest.Labels["webgen-bench.task"], Is.EqualTo(id));
            Assert.That(manifest.Instruction, Is.EqualTo(_tasks.Single(t => t.Id == id).Instruction));
        }

        Assert.That(File.ReadAllText(_temp.Combine("generation", "000002.json")), Does.Contain("\"stopReason\": \"finished\""));
        Assert.That(progress.Items.Count(p => p.Kind == BenchProgressKind.GenerationCompleted), Is.EqualTo(2));
        var calls = model.Calls.Count;

        var rerun = await new BenchSiteGenerator(_ => agent).GenerateAsync(_tasks, _temp.Path);

        Assert.That(rerun.Skipped, Is.EqualTo(new[] { "000002", "000003" }));
        Assert.That(rerun.Generated, Is.Empty);
        Assert.That(model.Calls, Has.Count.EqualTo(calls), "nothing is generated twice");
    }

    [Test]
    public async Task A_failed_task_is_recorded_and_the_batch_goes_on()
    {
        var agent = Agent(new FakeChatClient(Answer));

        var report = await new BenchSiteGenerator(t => t.Id == "000002" ? throw new InvalidOperationException("no code model configured") : agent).GenerateAsync(_tasks, _temp.Path);

        Assert.That(report.Generated, Is.EqualTo(new[] { "000003" }));
        Assert.That(report.Failures.Single(), Has.Property(nameof(BenchTaskFailure.TaskId)).EqualTo("000002").And.Property(nameof(BenchTaskFailure.Message)).Contains("no code model configured"));
        Assert.That(Directory.Exists(_temp.Combine("sites", "000002")), Is.False);

        var rerun = await new BenchSiteGenerator(_ => agent).GenerateAsync(_tasks, _temp.Path);

        Assert.That((rerun.Generated.Single(), rerun.Skipped.Single()), Is.EqualTo(("000002", "000003")));
    }

    [Test]
    public async Task An_interrupted_run_resumes_from_its_last_checkpointed_step()
    {
        using var kill = new CancellationTokenSource();
        var killing = new FakeChatClient(async (messages, _, _) =>
        {
            if (messages.Count > 2)
            {
                await kill.CancelAsync();
                kill.Token.ThrowIfCancellationRequested();
            }

            return new ChatResponse(new ChatMessage(ChatRole.Assistant, Answer(messages)));
        });
        var one = _tasks.Take(1).ToList();

        Assert.That(async () => await new BenchSiteGenerator(_ => Agent(killing)).GenerateAsync(one, _temp.Path, cancellationToken: kill.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(Directory.Exists(_temp.Combine("sites", "000002")), Is.False, "no site folder before the run ended");
        Assert.That(File.Exists(_temp.Combine("generation", "000002.json")), Is.False);

        var model = new FakeChatClient(Answer);
        var report = await new BenchSiteGenerator(_ => Agent(model)).GenerateAsync(one, _temp.Path);

        Assert.That(report.Generated, Is.EqualTo(new[] { "000002" }));
        Assert.That(model.Calls.Select(c => c.Count), Is.EqualTo(new[] { 4, 6 }), "the code step was not redone: the rerun started at validate");
        Assert.That((await RunCheckpoint.LoadAsync(_temp.Combine("runs", "000002"))).Steps, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Files_that_point_outside_the_site_folder_fail_the_task()
    {
        var agent = new FixedAgent(new WebGenResult
        {
            RunId = "r",
            Instruction = "x",
            RunDirectory = _temp.Combine("elsewhere"),
            WorkspacePath = _temp.Combine("elsewhere"),
            Files = [new WorkspaceFile { Path = "../../evil.txt", Content = "boom" }],
        });

        var report = await new BenchSiteGenerator(_ => agent).GenerateAsync(_tasks.Take(1).ToList(), _temp.Path);

        Assert.That(report.Failures.Single().Message, Does.Contain("points outside the site folder"));
        Assert.That(File.Exists(_temp.Combine("evil.txt")), Is.False);
        Assert.That(Directory.EnumerateDirectories(_temp.Combine("sites")), Is.Empty, "no half-written site is left");
    }

    private static string Answer(IReadOnlyList<ChatMessage> messages) => messages.Count switch
    {
        2 => Code,
        4 => Validate,
        _ => Finish,
    };

    private WebGenAgent Agent(IChatClient model) => new(
        model,
        new WebGenComponents
        {
            Sandbox = FakeSandbox.AlwaysRunning(),
            PageCapturer = new FakePageCapturer(),
            ScreenshotJudge = FakeScreenshotJudge.Constant(4),
            GuiTester = FakeGuiTester.Passing(),
        },
        new WebGenAgentOptions { RunsDirectory = _temp.Combine("unused-runs") });

    private sealed class FixedAgent(WebGenResult result) : IWebGenAgent
    {
        public async IAsyncEnumerable<WebGenEvent> RunStreamingAsync(WebGenRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            yield return new RunCompletedEvent { RunId = result.RunId, Result = result };
        }

        public IAsyncEnumerable<WebGenEvent> ResumeStreamingAsync(string runDirectory, CancellationToken cancellationToken = default) => RunStreamingAsync(new WebGenRequest { Instruction = "x" }, cancellationToken);
    }
}
