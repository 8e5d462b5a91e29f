using WebGen.Core.Tests.Agent.FixAfterError;
using WebGen.Sandbox;
using WebGen.Testing;

namespace WebGen.Cli.Tests;

/// <summary>
/// The fix-after-error matrix (shared with the agent's tests in WebGen.Core.Tests) through <c>webgen generate</c>:
/// scripted models over the OpenAI protocol, the CLI's own sandbox, browser, pre-checks and judge. It runs on
/// Vite 8, the default template's version (the agent's matrix runs on Vite 7). One node_modules template seeds
/// every case's workspace.
/// </summary>
[NonParallelizable]
public sealed class FixAfterErrorCliTests
{
    private TempDirectory _temp = null!;

    private static IEnumerable<FixAfterErrorCase> Cases => FixAfterErrorCases.All(ViteVersion.Eight);

    [OneTimeSetUp]
    public async Task PrepareTemplateAsync()
    {
        _temp = new TempDirectory("webgen-cli-fix-after-error");
        await using var sandbox = new LocalNodeSandbox(new LocalSandboxOptions { NodeModulesTemplatePath = _temp.Combine("template") });
        var template = await sandbox.PrepareTemplateAsync(ViteVersion.Eight.TemplatePackages);
        Assert.That(template.Status, Is.EqualTo(SandboxStageStatus.Succeeded), template.Output);
    }

    [OneTimeTearDown]
    public void CleanUp() => _temp.Dispose();

    [TestCaseSource(nameof(Cases))]
    public async Task Each_step_is_judged_on_its_own_files(FixAfterErrorCase scenario)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await using var server = await OpenAICompatibleServer.StartAsync(new MatrixModels(scenario).Answer);
        var configuration = ScriptedModels.Configuration(server);
        configuration["WebGen:Sandbox:NodeModulesTemplatePath"] = _temp.Combine("template");
        var runId = "case-" + Guid.NewGuid().ToString("N")[..8];

        var outcome = await CliHarness.RunAsync(
            configuration, timeout.Token, "generate", FixAfterErrorCases.Instruction, "--out", _temp.Combine(runId, "site"), "--runs", _temp.Combine(runId, "runs"),
            "--run-id", runId, "--max-iterations", MatrixModels.Turns(scenario).ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
        var checkpoint = await RunCheckpoint.LoadAsync(_temp.Combine(runId, "runs", runId));
        foreach (var step in checkpoint.Steps)
        {
            TestContext.Out.WriteLine($"  {FixAfterErrorChecks.Timings(step)}");
        }

        FixAfterErrorChecks.Verify(scenario, checkpoint.Steps, _temp.Combine(runId, "runs", runId, "workspace"));
    }
}
