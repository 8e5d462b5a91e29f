using System.Collections.Concurrent;
using WebGen.Testing;

namespace WebGen.Bench.Tests.Evaluation;

/// <summary>
/// Three real tasks (000002 Content Presentation, 000003 Data Management, 000010 User Interaction; 14 cases) with
/// scripted GUI-agent answers and appearance grades, a fake sandbox that starts every site except those listed
/// as failing, and a sites folder with one folder per task.
/// </summary>
internal sealed class ScriptedBench
{
    public static readonly string[] TaskIds = ["000002", "000003", "000010"];

    public static readonly Dictionary<string, string?[]> Answers = new(StringComparer.Ordinal)
    {
        ["000002"] = ["YES", "PARTIAL", "NO", "YES", "Thought: the banner shows, the footer does not.\nAction: ANSWER; PARTIAL"],
        ["000003"] = ["YES", "Answer: YES", "Thought: clicking the YES button did nothing.\nANSWER; NO", "PARTIAL", null],
        ["000010"] = ["NO", "YES", "**PARTIAL**", "YES."],
    };

    public static readonly Dictionary<string, int> AppearanceGrades = new(StringComparer.Ordinal) { ["000002"] = 4, ["000003"] = 3, ["000010"] = 5 };

    private readonly HashSet<string> _failing;

    public ScriptedBench(TempDirectory temp, IReadOnlyList<BenchTask> tasks, params string[] failingSites)
    {
        Tasks = tasks;
        _failing = [.. failingSites];
        SitesDirectory = temp.Combine("sites");
        Output = temp.Combine("out");
        foreach (var task in tasks)
        {
            Directory.CreateDirectory(Path.Combine(SitesDirectory, task.Id));
            File.WriteAllText(Path.Combine(SitesDirectory, task.Id, "package.json"), "{}");
        }

        Sandbox = new FakeSandbox(session =>
        {
            var id = Path.GetFileName(session.WorkspacePath);
            return _failing.Contains(id)
                ? FakeSandbox.Failed(SandboxFailureKind.InstallFailed, "npm ERR! 404 left-pad-9000")
                : FakeSandbox.Running(new Uri($"http://127.0.0.1:9/{id}/"));
        });
    }

    public IReadOnlyList<BenchTask> Tasks { get; }

    public string SitesDirectory { get; }

    public string Output { get; }

    public FakeSandbox Sandbox { get; }

    public ConcurrentQueue<(string TaskId, int Case)> CaseCalls { get; } = new();

    public static async Task<IReadOnlyList<BenchTask>> LoadTasksAsync() => (await TestData.LoadDatasetAsync()).Select(string.Join(',', TaskIds));

    public BenchEvaluationRequest Request(string? output = null) => new() { Tasks = Tasks, SitesDirectory = SitesDirectory, OutputDirectory = output ?? Output, Name = "scripted" };

    /// <summary>The scripted case agent: it answers <see cref="Answers"/> unless <paramref name="answer"/> says otherwise, and judges as told.</summary>
    public IBenchCaseAgent Agent(Func<BenchCaseRequest, CancellationToken, Task>? before = null, BenchCaseJudgement judgement = BenchCaseJudgement.Agent, Func<BenchCase, string?>? answer = null)
        => new ScriptedCaseAgent(this, before, judgement, answer ?? (c => Answers[c.TaskId][c.Index]));

    public static IAppearanceGrader Grader() => new ScriptedGrader();

    public BenchEvaluator Evaluator(IBenchCaseAgent? agent = null, BenchEvaluatorOptions? options = null)
        => new(Sandbox, agent ?? Agent(), Grader(), options ?? new BenchEvaluatorOptions { MaxConcurrentSites = 2 });

    private sealed class ScriptedCaseAgent(ScriptedBench bench, Func<BenchCaseRequest, CancellationToken, Task>? before, BenchCaseJudgement judgement, Func<BenchCase, string?> answers) : IBenchCaseAgent
    {
        public BenchCaseJudgement Judgement => judgement;

        public async Task<BenchCaseRun> RunCaseAsync(BenchCaseRequest request, CancellationToken cancellationToken = default)
        {
            if (before is not null)
            {
                await before(request, cancellationToken);
            }

            Assert.That(request.SiteUrl.AbsolutePath, Is.EqualTo($"/{request.Case.TaskId}/"), "the agent tests the site of its own task");
            bench.CaseCalls.Enqueue((request.Case.TaskId, request.Case.Index));
            var answer = answers(request.Case);
            return new BenchCaseRun
            {
                FinalAnswer = answer,
                Failure = answer is null ? "the agent used up its 15 interactions without answering" : null,
                Trajectory =
                [
                    new GuiTrajectoryStep { Index = 0, Action = GuiActionKind.Click, TargetLabel = 3, ScreenshotAfter = FakePageCapturer.OnePixelPng },
                    new GuiTrajectoryStep { Index = 1, Action = GuiActionKind.Answer, Argument = answer, ModelOutput = answer ?? "" },
                ],
            };
        }
    }

    private sealed class ScriptedGrader : IAppearanceGrader
    {
        public Task<AppearanceGrade> GradeAsync(AppearanceRequest request, CancellationToken cancellationToken = default)
        {
            var id = request.SiteUrl.AbsolutePath.Trim('/');
            return Task.FromResult(new AppearanceGrade { Grade = AppearanceGrades[id], Analysis = $"Analysis: fine.\nGrade: {AppearanceGrades[id]}", Screenshots = [FakePageCapturer.OnePixelPng] });
        }
    }
}

/// <summary>Collects progress reports synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
internal sealed class ListProgress : IProgress<BenchProgress>
{
    private readonly ConcurrentQueue<BenchProgress> _items = new();

    public IReadOnlyList<BenchProgress> Items => [.. _items];

    public void Report(BenchProgress value) => _items.Enqueue(value);
}
