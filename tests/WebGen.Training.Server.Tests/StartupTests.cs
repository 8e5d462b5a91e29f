using Microsoft.Extensions.Options;
using WebGen.Testing;

namespace WebGen.Training.Server.Tests;

public sealed class StartupTests
{
    [Test]
    public async Task A_non_loopback_bind_address_without_an_api_key_fails_start_up_before_listening()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(o =>
        {
            o.BindAddress = "0.0.0.0";
            o.RequireApiKey = false;
        }));

        Assert.That(ex!.Message, Does.Contain("EnvironmentServerOptions.ApiKey: an API key is required when BindAddress (0.0.0.0) is not a loopback address"));
    }

    [Test]
    public async Task Host_names_that_are_not_names_fail_start_up_naming_the_option()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(o => o.AllowedHosts.Add("http://trainer")));

        Assert.That(ex!.Message, Does.Contain("EnvironmentServerOptions.AllowedHosts: 'http://trainer' is not a host name"));
    }

    [Test]
    public async Task Short_api_keys_and_unparsable_addresses_fail_start_up_naming_the_option()
    {
        var shortKey = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(o => o.ApiKey = "secret"));
        var address = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(o => o.BindAddress = "example.org"));

        Assert.That(shortKey!.Message, Does.Contain("EnvironmentServerOptions.ApiKey: use at least 16 characters"));
        Assert.That(address!.Message, Does.Contain("EnvironmentServerOptions.BindAddress: 'example.org' is not an IP address"));
    }

    [Test]
    public async Task Out_of_range_options_fail_start_up_naming_the_option()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(o =>
        {
            o.MaxConcurrentEpisodes = 0;
            o.IdleTimeout = TimeSpan.Zero;
        }));

        Assert.That(ex!.Message, Does.Contain("MaxConcurrentEpisodes").And.Contain("IdleTimeout"));
    }

    [Test]
    public async Task A_server_without_an_environment_fails_start_up_saying_what_to_register()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () => await WebGenEnvironmentServer.StartAsync(services => services.AddWebGenAgent().UseSandbox(FakeSandbox.AlwaysRunning())));

        Assert.That(ex!.Message, Does.StartWith("The environment server needs a WebGenEnvironment: register it with services.AddWebGenAgent()"));
        Assert.That(ex.Message, Does.Contain("No IPageCapturer"));
    }

    [Test]
    public async Task The_server_listens_on_loopback_with_a_free_port_by_default()
    {
        await using var server = await TestServer.StartAsync();

        Assert.That(server.Server.BaseAddress.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(server.Server.BaseAddress.Port, Is.GreaterThan(0));
        Assert.That(server.Server.BaseAddress.AbsolutePath, Is.EqualTo("/"));
    }

    private static async Task StartAsync(Action<EnvironmentServerOptions> configure)
    {
        var world = new World();
        await using var server = await WebGenEnvironmentServer.StartAsync(
            services => services.AddWebGenAgent()
                .UseSandbox(world.Sandbox)
                .UsePageCapturer(world.Capturer)
                .UseScreenshotJudge(world.Judge)
                .UseGuiTester(world.GuiTester),
            configure);
    }
}
