using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace WebGen.Mcp.Tests;

public sealed class OptionsTests
{
    [Test]
    public async Task Tool_options_out_of_range_fail_naming_the_option()
    {
        var services = new ServiceCollection();
        services.AddMcpServer().WithWebGenTools(o => o.MaxConcurrentRuns = 0);
        await using var provider = services.BuildServiceProvider();

        Assert.That(() => provider.GetRequiredService<IOptions<WebGenMcpOptions>>().Value, Throws.InstanceOf<OptionsValidationException>()
            .With.Message.Contains("WebGenMcpOptions.MaxConcurrentRuns"));
    }

    [Test]
    public async Task Default_tool_options_are_valid()
    {
        var services = new ServiceCollection();
        services.AddMcpServer().WithWebGenTools();
        await using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IOptions<WebGenMcpOptions>>().Value.MaxConcurrentRuns, Is.EqualTo(1));
    }
}
