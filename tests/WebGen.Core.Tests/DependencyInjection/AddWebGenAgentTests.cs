using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WebGen.Core.Tests.Agent;
using WebGen.Testing;

namespace WebGen.Core.Tests.DependencyInjection;

public sealed class AddWebGenAgentTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task Host_built_with_AddWebGenAgent_resolves_and_runs_the_agent()
    {
        var world = new ScriptedWorld();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddWebGenAgent(o => o.RunsDirectory = _temp.Combine("runs"))
            .UseCodeModel(FakeChatClient.Scripted(ScriptedWorld.Code(4), ScriptedWorld.Finish))
            .UseSandbox(world.Sandbox)
            .UsePageCapturer(world.Capturer)
            .UseScreenshotJudge(world.Judge)
            .UseGuiTester(world.GuiTester);
        using var host = builder.Build();
        await host.StartAsync();

        var agent = host.Services.GetRequiredService<IWebGenAgent>();
        var result = await agent.RunAsync("site");

        Assert.That(agent, Is.InstanceOf<WebGenAgent>());
        Assert.That(result.StopReason, Is.EqualTo(WebGenStopReason.Finished));
        Assert.That(result.RunDirectory, Does.StartWith(_temp.Combine("runs")));
        await host.StopAsync();
    }

    [Test]
    public async Task A_bad_option_fails_at_start_up_naming_the_option()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddWebGenAgent(o =>
        {
            o.ErrorLimit = 0;
            o.Workspace.MaxFileBytes = -1;
        });
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(ex!.Message, Does.Contain("WebGenAgentOptions.ErrorLimit"));
        Assert.That(ex.Message, Does.Contain("WebGenAgentOptions.Workspace.MaxFileBytes"));
    }

    [Test]
    public void A_missing_part_says_how_to_register_it()
    {
        var services = new ServiceCollection();
        services.AddWebGenAgent().UseCodeModel(FakeChatClient.Scripted());
        using var provider = services.BuildServiceProvider();

        Assert.That(() => provider.GetRequiredService<IWebGenAgent>(), Throws.InvalidOperationException.With.Message.Contains("ISandbox").And.Message.Contains("UseLocalSandbox"));
    }

    [Test]
    public void Scorers_and_selector_registered_through_the_builder_reach_the_environment()
    {
        var world = new ScriptedWorld();
        var scorer = new FakeScreenshotScorer(_ => ScreenshotScore.Pass("custom", "ok"));
        var selector = new ReferenceStepSelector();
        var services = new ServiceCollection();
        services.AddWebGenAgent()
            .UseCodeModel(FakeChatClient.Scripted())
            .UseSandbox(world.Sandbox).UsePageCapturer(world.Capturer).UseScreenshotJudge(world.Judge).UseGuiTester(world.GuiTester)
            .UseScreenshotScorer(scorer)
            .UseStepSelector(selector);
        using var provider = services.BuildServiceProvider();

        var environment = provider.GetRequiredService<WebGenEnvironment>();

        Assert.That(environment.Components.ScreenshotScorers, Is.EqualTo(new[] { scorer }));
        Assert.That(environment.Components.StepSelector, Is.SameAs(selector));
    }

    [Test]
    public void Invalid_options_without_di_throw_naming_the_option()
    {
        var world = new ScriptedWorld();

        Assert.That(() => new WebGenEnvironment(world.Components(), new WebGenAgentOptions { MaxIterations = 0 }), Throws.ArgumentException.With.Message.Contains("MaxIterations"));
    }
}
