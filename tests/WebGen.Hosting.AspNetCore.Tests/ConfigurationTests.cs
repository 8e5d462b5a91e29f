using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebGen.Playwright;
using WebGen.Sandbox;

namespace WebGen.Hosting.Tests;

public sealed class ConfigurationTests
{
    [Test]
    public async Task Every_options_class_binds_from_its_key_under_the_WebGen_section()
    {
        var configuration = Build(new()
        {
            ["WebGen:Agent:MaxIterations"] = "7",
            ["WebGen:Agent:RunsDirectory"] = "/tmp/webgen-bound-runs",
            ["WebGen:Sandbox:PortRangeStart"] = "43100",
            ["WebGen:Sandbox:PortRangeEnd"] = "43199",
            ["WebGen:Sandbox:InstallTimeout"] = "00:02:00",
            ["WebGen:Browser:ExecutablePath"] = "/usr/bin/chromium",
            ["WebGen:Browser:LaunchTimeout"] = "00:00:45",
            ["WebGen:Capture:NavigationTimeout"] = "00:00:21",
            ["WebGen:WebVoyager:MaxActions"] = "9",
            ["WebGen:GuiTester:MaxTrajectoryChars"] = "11000",
            ["WebGen:SmokeTester:MaxElements"] = "4",
            ["WebGen:Hosting:MaxConcurrentRuns"] = "3",
            ["WebGen:Hosting:MaxQueuedRuns"] = "0",
            ["WebGen:Models:Code:Endpoint"] = "http://127.0.0.1:9/v1",
            ["WebGen:Models:Code:Model"] = "bound-coder",
            ["WebGen:Models:Vision:Endpoint"] = "http://127.0.0.1:9/v1",
            ["WebGen:Models:Vision:Model"] = "bound-vision",
        });
        var services = new ServiceCollection().AddLogging();
        services.AddWebGenAgent(configuration.GetSection("WebGen"));
        await using var provider = services.BuildServiceProvider();

        Assert.Multiple(() =>
        {
            Assert.That(Value<WebGenAgentOptions>(provider).MaxIterations, Is.EqualTo(7));
            Assert.That(Value<WebGenAgentOptions>(provider).RunsDirectory, Is.EqualTo("/tmp/webgen-bound-runs"));
            Assert.That(Value<LocalSandboxOptions>(provider).PortRangeStart, Is.EqualTo(43100));
            Assert.That(Value<LocalSandboxOptions>(provider).InstallTimeout, Is.EqualTo(TimeSpan.FromMinutes(2)));
            Assert.That(Value<PlaywrightBrowserOptions>(provider).ExecutablePath, Is.EqualTo("/usr/bin/chromium"));
            Assert.That(Value<PlaywrightBrowserOptions>(provider).LaunchTimeout, Is.EqualTo(TimeSpan.FromSeconds(45)));
            Assert.That(Value<PageCaptureOptions>(provider).NavigationTimeout, Is.EqualTo(TimeSpan.FromSeconds(21)));
            Assert.That(Value<WebVoyagerOptions>(provider).MaxActions, Is.EqualTo(9));
            Assert.That(Value<WebVoyagerGuiTesterOptions>(provider).MaxTrajectoryChars, Is.EqualTo(11000));
            Assert.That(Value<SmokeGuiTesterOptions>(provider).MaxElements, Is.EqualTo(4));
            Assert.That(Value<WebGenHostingOptions>(provider).MaxConcurrentRuns, Is.EqualTo(3));
            Assert.That(Value<WebGenHostingOptions>(provider).MaxQueuedRuns, Is.Zero);

            var code = provider.GetRequiredKeyedService<IChatClient>(WebGenModelKeys.Code).GetService<ChatClientMetadata>();
            Assert.That(code?.DefaultModelId, Is.EqualTo("bound-coder"));
            Assert.That(code?.ProviderUri?.ToString(), Does.StartWith("http://127.0.0.1:9/v1"));
            Assert.That(provider.GetRequiredKeyedService<IChatClient>(WebGenModelKeys.Vision).GetService<ChatClientMetadata>()?.DefaultModelId, Is.EqualTo("bound-vision"));
            Assert.That(provider.GetRequiredKeyedService<IChatClient>(WebGenModelKeys.Feedback).GetService<ChatClientMetadata>()?.DefaultModelId, Is.EqualTo("bound-coder"), "feedback falls back to the code model");
            Assert.That(provider.GetRequiredService<IScreenshotJudge>(), Is.InstanceOf<ChatScreenshotJudge>());
            Assert.That(provider.GetRequiredService<IGuiTester>(), Is.InstanceOf<WebVoyagerGuiTester>());
            Assert.That(provider.GetRequiredService<ISandbox>(), Is.InstanceOf<LocalNodeSandbox>());
        });
    }

    [Test]
    public async Task Without_a_code_endpoint_no_model_is_registered_and_the_caller_plugs_one()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddWebGenAgent(Build(new()).GetSection("WebGen"));
        await using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IWebGenAgent>());
        Assert.That(ex!.Message, Does.Contain("No code model is registered"));
    }

    [Test]
    public void Bad_values_fail_at_start_up_naming_the_key()
    {
        var endpoint = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddWebGenAgent(
            Build(new() { ["WebGen:Models:Code:Endpoint"] = "ftp://models", ["WebGen:Models:Code:Model"] = "m" }).GetSection("WebGen")));
        Assert.That(endpoint!.Message, Does.Contain("WebGen:Models:Code:Endpoint ('ftp://models') is not an http(s) URL"));

        var model = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddWebGenAgent(
            Build(new() { ["WebGen:Models:Vision:Endpoint"] = "http://127.0.0.1:9/v1", ["WebGen:Models:Code:Endpoint"] = "http://127.0.0.1:9/v1", ["WebGen:Models:Code:Model"] = "m" }).GetSection("WebGen")));
        Assert.That(model!.Message, Does.Contain("WebGen:Models:Vision:Model is required"));

        var preChecks = Assert.Throws<OptionsValidationException>(() => new ServiceCollection().AddWebGenAgent(Build(new() { ["WebGen:PreChecks:MaxListedItems"] = "0" }).GetSection("WebGen")));
        Assert.That(preChecks!.Message, Does.Contain("WebGen:PreChecks:MaxListedItems"));
    }

    [Test]
    public async Task Invalid_hosting_limits_stop_the_host_from_starting()
    {
        using var temp = new TempDirectory();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => HostedApp.StartAsync(HostedApp.Settings(temp.Combine("runs"), ("WebGen:Hosting:MaxConcurrentRuns", "0")), a => a.UseOfflineDemo()));

        Assert.That(ex!.Message, Does.Contain("MaxConcurrentRuns"));
    }

    private static IConfiguration Build(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static T Value<T>(IServiceProvider provider)
        where T : class => provider.GetRequiredService<IOptions<T>>().Value;
}
