using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebGen.Playwright;
using WebGen.Sandbox;
using WebGen.Testing;
using WebGen.Training;

namespace WebGen.Docs.Tests;

public sealed class PartsTests
{
    [Test]
    public async Task Composition_snippets_put_the_custom_parts_into_the_agents_environment()
    {
        var services = new ServiceCollection().AddLogging();
        var agent = Composition.CodeModel(services);
        Composition.CustomSandbox(agent);
        Composition.Browser(agent);
        Composition.Scorers(agent);
        Composition.Judge(agent);
        Composition.GuiTester(agent);
        Composition.StepSelector(agent);
        Composition.Stages(agent);
        var rewards = Composition.Rewards(agent);
        await using var provider = services.BuildServiceProvider();

        var components = provider.GetRequiredService<WebGenEnvironment>().Components;

        Assert.Multiple(() =>
        {
            Assert.That(provider.GetRequiredService<IWebGenAgent>(), Is.InstanceOf<WebGenAgent>());
            Assert.That(components.Sandbox, Is.InstanceOf<ExistingServerSandbox>());
            Assert.That(components.PageCapturer, Is.InstanceOf<PlaywrightPageCapturer>());
            Assert.That(components.ScreenshotJudge, Is.InstanceOf<ChatScreenshotJudge>());
            Assert.That(components.GuiTester, Is.InstanceOf<RetryingGuiTester>());
            Assert.That(components.StepSelector, Is.InstanceOf<ScoreWeightedStepSelector>());
            Assert.That(components.ScreenshotScorers.OfType<PageTitleScorer>().Count(), Is.EqualTo(2), "UseScreenshotScorer adds: the scorer and step-selector snippets each add one");
            Assert.That(components.ScreenshotScorers.OfType<BlankPageScorer>(), Is.Not.Empty, "the pre-checks stay beside the custom scorer");
            Assert.That(provider.GetRequiredService<IStepRewardAdapter>(), Is.SameAs(rewards));
            Assert.That(components.StepStages.Select(s => s.GetType()), Is.EqualTo(DefaultStepStages.Types.Append(typeof(ProjectTestsStage))), "UseStepStage appends after the built-in stages");
            Assert.That(provider.GetRequiredService<IOptions<PlaywrightBrowserOptions>>().Value.ExecutablePath, Is.EqualTo("/usr/bin/chromium"));
        });
    }

    [Test]
    public async Task Model_snippets_register_one_client_per_role_and_fall_back_to_the_code_model()
    {
        var three = new ServiceCollection().AddLogging();
        Composition.ThreeModels(three);
        await using (var provider = three.BuildServiceProvider())
        {
            Assert.That(ModelId(provider, WebGenModelKeys.Code), Is.EqualTo("Qwen2.5-Coder-32B-Instruct"));
            Assert.That(ModelId(provider, WebGenModelKeys.Vision), Is.EqualTo("Qwen2.5-VL-32B-Instruct"));
            Assert.That(ModelId(provider, WebGenModelKeys.Feedback), Is.EqualTo("Qwen2.5-7B-Instruct"));
        }

        var keyed = new ServiceCollection().AddLogging();
        Composition.KeyedCodeModel(keyed);
        await using (var provider = keyed.BuildServiceProvider())
        {
            Assert.That(ModelId(provider, WebGenModelKeys.Code), Is.EqualTo("Qwen2.5-Coder-32B-Instruct"));
            Assert.That(ModelId(provider, WebGenModelKeys.Vision), Is.EqualTo("Qwen2.5-Coder-32B-Instruct"), "vision falls back to the code model");
            Assert.That(ModelId(provider, WebGenModelKeys.Feedback), Is.EqualTo("Qwen2.5-Coder-32B-Instruct"), "feedback falls back to the code model");
        }
    }

    [Test]
    public async Task Local_sandbox_snippet_options_pass_validation_and_reach_the_sandbox()
    {
        var services = new ServiceCollection().AddLogging();
        Composition.LocalSandbox(services.AddWebGenAgent());
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<LocalSandboxOptions>>().Value;

        Assert.That(provider.GetRequiredService<ISandbox>(), Is.InstanceOf<LocalNodeSandbox>());
        Assert.That((options.PortRangeStart, options.PortRangeEnd), Is.EqualTo((43000, 43099)));
        Assert.That(options.InstallTimeout, Is.EqualTo(TimeSpan.FromMinutes(10)));
        Assert.That(options.EnvironmentVariables["NODE_OPTIONS"], Is.EqualTo("--max-old-space-size=2048"));
    }

    [Test]
    public async Task Configuration_snippet_binds_the_documented_keys()
    {
        using var host = Composition.Configured(
        [
            "--WebGen:Agent:MaxIterations=7",
            "--WebGen:Agent:Workspace:MaxFilesPerStep=50",
            "--WebGen:Sandbox:PortRangeStart=44000",
            "--WebGen:Sandbox:PortRangeEnd=44100",
            "--WebGen:Browser:ExecutablePath=/opt/chromium/chrome",
            "--WebGen:Models:Code:Model=my-coder",
        ]);

        await host.StartAsync(); // runs ValidateOnStart for every option; no browser or model is touched
        try
        {
            var agent = host.Services.GetRequiredService<IOptions<WebGenAgentOptions>>().Value;
            var sandbox = host.Services.GetRequiredService<IOptions<LocalSandboxOptions>>().Value;
            Assert.That(agent.MaxIterations, Is.EqualTo(7));
            Assert.That(agent.Workspace.MaxFilesPerStep, Is.EqualTo(50));
            Assert.That((sandbox.PortRangeStart, sandbox.PortRangeEnd), Is.EqualTo((44000, 44100)));
            Assert.That(host.Services.GetRequiredService<IOptions<PlaywrightBrowserOptions>>().Value.ExecutablePath, Is.EqualTo("/opt/chromium/chrome"));
            Assert.That(ModelId(host.Services, WebGenModelKeys.Code), Is.EqualTo("my-coder"));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Test]
    public async Task Configuration_snippet_fails_at_start_naming_an_invalid_option()
    {
        using var host = Composition.Configured(["--WebGen:Sandbox:PortRangeStart=45000", "--WebGen:Sandbox:PortRangeEnd=44000"]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(error!.Message, Does.Contain("PortRange"));
    }

    [Test]
    public async Task Page_title_scorer_scores_template_titles_zero_without_stopping_the_judge_and_passes_real_titles()
    {
        var scorer = new PageTitleScorer();

        var template = await scorer.ScoreAsync(Context("Vite + React"));
        var missing = await scorer.ScoreAsync(Context(null));
        var real = await scorer.ScoreAsync(Context("Crumb & Co. Bakery"));

        Assert.That((template.Value, template.IsFatal), Is.EqualTo((0.0, false)));
        Assert.That(template.Reason, Does.Contain("<title>"));
        Assert.That(missing.Value, Is.Zero);
        Assert.That((real.Name, real.Value), Is.EqualTo((PageTitleScorer.Name, 1.0)));
    }

    [Test]
    public void Score_weighted_selector_breaks_a_reference_tie_with_the_custom_score()
    {
        IReadOnlyList<StepNode> nodes =
        [
            Node(1, grade: 4, title: 1),
            Node(2, grade: 4, title: 0),
            Node(3, grade: 5, title: 1, error: true),
        ];

        var reference = new ReferenceStepSelector().SelectBest(nodes)!;
        var weighted = new ScoreWeightedStepSelector(PageTitleScorer.Name, weight: 1.0).SelectBest(nodes)!;

        Assert.That(reference.Node.Step, Is.EqualTo(2), "the reference takes the latest of equal grades");
        Assert.That(weighted.Node.Step, Is.EqualTo(1), "the titled page wins; the erroneous step is never a candidate");
        Assert.That(weighted.IsValid, Is.True);
        Assert.That(weighted.Reason, Does.Contain(PageTitleScorer.Name));
    }

    [Test]
    public void Score_weighted_selector_defers_to_the_reference_when_no_step_is_acceptable()
    {
        IReadOnlyList<StepNode> nodes = [Node(1, grade: 2, title: 1), Node(2, grade: 1, title: 0)];

        var selection = new ScoreWeightedStepSelector(PageTitleScorer.Name, weight: 1.0).SelectBest(nodes)!;

        Assert.That(selection.IsValid, Is.False);
        Assert.That(selection.Node, Is.EqualTo(new ReferenceStepSelector().SelectBest(nodes)!.Node));
    }

    [Test]
    public async Task Retrying_gui_tester_runs_again_only_when_the_test_could_not_run()
    {
        var crashedOnce = new Queue<GuiTestResult>([new GuiTestResult { Failure = "browser crashed" }, new GuiTestResult { Passed = true, Grade = 5 }]);
        var flaky = new FakeGuiTester(_ => crashedOnce.Dequeue());
        var failing = new FakeGuiTester(_ => new GuiTestResult { Passed = false, Grade = 1, Verdict = GuiVerdict.No });
        var request = new GuiTestRequest { Url = new Uri("http://127.0.0.1:9/"), TestInstruction = "Order a loaf.", UserInstruction = "A bakery" };

        var recovered = await new RetryingGuiTester(flaky).TestAsync(request);
        var failed = await new RetryingGuiTester(failing).TestAsync(request);

        Assert.That((recovered.Passed, flaky.Requests.Count), Is.EqualTo((true, 2)));
        Assert.That((failed.Passed, failing.Requests.Count), Is.EqualTo((false, 1)), "a site that fails the test is not retried");
    }

    [Test]
    public async Task Existing_server_sandbox_reports_a_serving_site_as_running_and_refuses_shell_actions()
    {
        await using var site = await StaticSiteServer.StartAsync(new Dictionary<string, string> { ["/"] = "<!doctype html><title>Bakery</title>" });
        using var http = new HttpClient();
        var sandbox = new ExistingServerSandbox(site.BaseUrl, http);

        await using var session = await sandbox.OpenSessionAsync(new SandboxSessionRequest { WorkspacePath = Path.GetTempPath() });
        var run = await session.EnsureRunningAsync();
        var shell = await session.RunShellAsync("rm -rf /");

        Assert.That(run.IsRunning, Is.True, run.FailureExcerpt);
        Assert.That(run.Url, Is.EqualTo(site.BaseUrl));
        Assert.That((shell.Allowed, shell.Succeeded), Is.EqualTo((false, false)));
        Assert.That(shell.RefusalReason, Is.Not.Empty);
    }

    [Test]
    public async Task Existing_server_sandbox_reports_an_unreachable_site_as_a_start_failure()
    {
        var closed = ClosedLoopbackUrl();
        using var http = new HttpClient();
        await using var session = await new ExistingServerSandbox(closed, http).OpenSessionAsync(new SandboxSessionRequest { WorkspacePath = Path.GetTempPath() });

        var run = await session.EnsureRunningAsync();

        Assert.That(run.IsRunning, Is.False);
        Assert.That(run.Failure, Is.EqualTo(SandboxFailureKind.StartFailed));
        Assert.That(run.FailureExcerpt, Does.Contain(closed.ToString()));
    }

    [Test]
    public void Reward_snippet_adds_half_a_point_to_a_code_step_whose_page_has_a_title()
    {
        var rewards = Composition.Rewards(new ServiceCollection().AddWebGenAgent());

        var titled = rewards.ComputeRewards([CodeStep(title: 1)]).Single();
        var untitled = rewards.ComputeRewards([CodeStep(title: 0)]).Single();
        var reference = StepGrpoRewardAdapter.Reference.ComputeRewards([CodeStep(title: 0)]).Single();

        Assert.That(untitled.Value, Is.EqualTo(reference.Value), "the term adds nothing for a zero score");
        Assert.That(titled.Value - untitled.Value, Is.EqualTo(0.5).Within(1e-9));
    }

    private static string? ModelId(IServiceProvider services, string key) =>
        WebGenServiceCollectionExtensions.ResolveModel(services, key)?.GetService<ChatClientMetadata>()?.DefaultModelId;

    private static ScreenshotScoringContext Context(string? title) => new()
    {
        Capture = new PageCapture { Url = new Uri("http://127.0.0.1:9/"), Title = title },
        Instruction = "A bakery landing page",
    };

    private static StepNode Node(int step, int grade, double title, bool error = false) => new()
    {
        Step = step,
        Kind = StepKind.Code,
        ScreenshotGrade = grade,
        HasError = error,
        Scores = [new ScreenshotScore { Name = PageTitleScorer.Name, Value = title, Reason = "test" }],
    };

    private static StepRecord CodeStep(double title) => new()
    {
        Node = Node(1, grade: 4, title),
        ModelOutput = "<boltArtifact id=\"site\" title=\"Bakery\"><boltAction type=\"file\" filePath=\"src/App.jsx\">export default () => null;</boltAction></boltArtifact>",
        ActionTypes = ["file"],
        HasArtifact = true,
    };

    private static Uri ClosedLoopbackUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
