using System.Diagnostics;
using WebGen.Playwright;
using WebGen.Sandbox;
using WebGen.Testing;

namespace WebGen.Core.Tests.Agent.FixAfterError;

/// <summary>
/// The fix-after-error matrix end to end through <see cref="WebGenAgent"/>: scripted models over the OpenAI
/// protocol, the local sandbox keeping one Vite dev server per run, real Chromium, the pre-checks and the judge.
/// It runs on Vite 7, the version that showed the fixed site under its old error overlay (the CLI's matrix
/// runs on Vite 8). One node_modules template seeds every case's workspace.
/// </summary>
[NonParallelizable]
public sealed class FixAfterErrorAgentTests
{
    private TempDirectory _temp = null!;
    private LocalNodeSandbox _sandbox = null!;
    private PlaywrightBrowserProvider _browser = null!;
    private PlaywrightPageCapturer _capturer = null!;

    private static IEnumerable<FixAfterErrorCase> Cases => FixAfterErrorCases.All(ViteVersion.Seven);

    [OneTimeSetUp]
    public async Task PrepareAsync()
    {
        _temp = new TempDirectory("webgen-fix-after-error");
        _sandbox = new LocalNodeSandbox(new LocalSandboxOptions { NodeModulesTemplatePath = _temp.Combine("template") });
        var template = await _sandbox.PrepareTemplateAsync(ViteVersion.Seven.TemplatePackages);
        Assert.That(template.Status, Is.EqualTo(SandboxStageStatus.Succeeded), template.Output);
        _browser = new PlaywrightBrowserProvider();
        _capturer = new PlaywrightPageCapturer(_browser);
    }

    [OneTimeTearDown]
    public async Task CleanUpAsync()
    {
        await _capturer.DisposeAsync();
        await _browser.DisposeAsync();
        await _sandbox.DisposeAsync();
        _temp.Dispose();
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Each_step_is_judged_on_its_own_files(FixAfterErrorCase scenario)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await using var server = await OpenAICompatibleServer.StartAsync(new MatrixModels(scenario).Answer);
        var model = server.CreateChatClient();
        var components = new WebGenComponents
        {
            Sandbox = _sandbox,
            PageCapturer = _capturer,
            ScreenshotJudge = new ChatScreenshotJudge(model),
            GuiTester = new WebVoyagerGuiTester(new WebVoyagerAgent(_browser, model), model),
            ScreenshotScorers = ScreenshotPreChecks.CreateDefault(),
        };
        var agent = new WebGenAgent(model, components, new WebGenAgentOptions { RunsDirectory = _temp.Combine("runs") });
        var clock = Stopwatch.StartNew();

        var result = await agent.RunAsync(new WebGenRequest { Instruction = FixAfterErrorCases.Instruction, MaxIterations = MatrixModels.Turns(scenario) }, timeout.Token);

        TestContext.Out.WriteLine($"{scenario.Name}: {result.Steps.Count} steps in {clock.Elapsed.TotalSeconds:0.0} s");
        foreach (var step in result.Steps)
        {
            TestContext.Out.WriteLine($"  {FixAfterErrorChecks.Timings(step)}");
        }

        FixAfterErrorChecks.Verify(scenario, result.Steps, result.WorkspacePath);
    }
}
