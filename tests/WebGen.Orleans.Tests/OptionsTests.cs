using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WebGen.Orleans.Tests;

public sealed class OptionsTests
{
    [Test]
    public void Worker_options_out_of_range_fail_naming_the_option()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo.AddWebGenWorker(o => o.Slots = 0));
        using var host = builder.Build();

        Assert.That(() => host.Services.GetRequiredService<IOptions<WebGenWorkerOptions>>().Value, Throws.InstanceOf<OptionsValidationException>()
            .With.Message.Contains("WebGenWorkerOptions.Slots"));
    }

    [Test]
    public async Task Cluster_options_out_of_range_fail_naming_the_option()
    {
        await using var services = new ServiceCollection().AddWebGenCluster(o => o.MaxPlacementAttempts = 0).BuildServiceProvider();

        Assert.That(() => services.GetRequiredService<IOptions<WebGenClusterOptions>>().Value, Throws.InstanceOf<OptionsValidationException>()
            .With.Message.Contains("WebGenClusterOptions.MaxPlacementAttempts"));
    }
}
