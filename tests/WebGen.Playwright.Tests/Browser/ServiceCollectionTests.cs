using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebGen.Testing;

namespace WebGen.Playwright.Tests.Browser;

public sealed class ServiceCollectionTests
{
    [Test]
    public async Task Without_a_model_the_gui_tester_is_the_smoke_tester()
    {
        await using var services = new ServiceCollection().AddPlaywrightBrowser().BuildServiceProvider();

        Assert.That(services.GetRequiredService<IGuiTester>(), Is.InstanceOf<SmokeGuiTester>());
        Assert.That(services.GetRequiredService<IPageCapturer>(), Is.SameAs(services.GetRequiredService<PlaywrightPageCapturer>()));
        Assert.That(services.GetRequiredService<PlaywrightBrowserProvider>().LaunchCount, Is.Zero, "resolving launches nothing");
    }

    [Test]
    public async Task With_a_vision_model_the_gui_tester_is_the_webvoyager_tester()
    {
        await using var model = await OpenAICompatibleServer.StartAsync(_ => ScriptedReply.Text("ok"));
        var collection = new ServiceCollection();
        collection.AddKeyedChatClient(WebGenModelKeys.Vision, model.CreateChatClient());
        collection.AddPlaywrightBrowser();
        await using var services = collection.BuildServiceProvider();

        Assert.That(services.GetRequiredService<IGuiTester>(), Is.InstanceOf<WebVoyagerGuiTester>());
        Assert.That(services.GetRequiredService<WebVoyagerAgent>(), Is.Not.Null);
    }

    [Test]
    public async Task Smoke_tester_can_be_forced_and_webvoyager_without_a_model_fails_clearly()
    {
        await using var model = await OpenAICompatibleServer.StartAsync(_ => ScriptedReply.Text("ok"));
        var collection = new ServiceCollection();
        collection.AddChatClient(model.CreateChatClient());
        collection.AddPlaywrightBrowser().UseSmokeGuiTester();
        await using (var services = collection.BuildServiceProvider())
        {
            Assert.That(services.GetRequiredService<IGuiTester>(), Is.InstanceOf<SmokeGuiTester>());
        }

        await using var noModel = new ServiceCollection().AddPlaywrightBrowser().UseWebVoyagerGuiTester().BuildServiceProvider();
        Assert.That(() => noModel.GetRequiredService<IGuiTester>(), Throws.InvalidOperationException.With.Message.Contains("AddKeyedChatClient(WebGenModelKeys.Vision"));
    }

    [Test]
    public async Task Invalid_options_fail_naming_the_option()
    {
        await using var services = new ServiceCollection()
            .AddPlaywrightBrowser(o => o.LaunchTimeout = TimeSpan.Zero)
            .Configure<WebVoyagerOptions>(o => o.MaxActions = 0)
            .BuildServiceProvider();

        Assert.That(() => services.GetRequiredService<IOptions<PlaywrightBrowserOptions>>().Value, Throws.InstanceOf<OptionsValidationException>().With.Message.Contains("LaunchTimeout"));
        Assert.That(() => services.GetRequiredService<IOptions<WebVoyagerOptions>>().Value, Throws.InstanceOf<OptionsValidationException>().With.Message.Contains("MaxActions"));
    }

    [Test]
    public async Task Every_component_options_class_is_validated_at_start_up_as_its_constructor_validates_it()
    {
        await using var services = new ServiceCollection()
            .AddPlaywrightBrowser()
            .Configure<PageCaptureOptions>(o => o.AdditionalAllowedOrigins.Add("file:///etc"))
            .Configure<WebVoyagerGuiTesterOptions>(o => o.Temperature = 9)
            .Configure<SmokeGuiTesterOptions>(o => o.MaxElements = 0)
            .BuildServiceProvider();

        // A rule no annotation states (an origin must be an absolute http(s) URL) is checked at start-up too.
        Assert.That(() => services.GetRequiredService<IOptions<PageCaptureOptions>>().Value, Throws.InstanceOf<OptionsValidationException>()
            .With.Message.Contains("PageCaptureOptions.AdditionalAllowedOrigins contains 'file:///etc'"));
        Assert.That(() => services.GetRequiredService<IOptions<WebVoyagerGuiTesterOptions>>().Value, Throws.InstanceOf<OptionsValidationException>()
            .With.Message.Contains("WebVoyagerGuiTesterOptions.Temperature"));
        Assert.That(() => services.GetRequiredService<IOptions<SmokeGuiTesterOptions>>().Value, Throws.InstanceOf<OptionsValidationException>()
            .With.Message.Contains("SmokeGuiTesterOptions.MaxElements"));

        // Without DI the constructors run the same checks.
        await using var browser = new PlaywrightBrowserProvider();
        Assert.That(() => new SmokeGuiTester(browser, Options.Create(new SmokeGuiTesterOptions { MaxElements = 0 })),
            Throws.InstanceOf<System.ComponentModel.DataAnnotations.ValidationException>().With.Message.Contains("SmokeGuiTesterOptions.MaxElements"));
        Assert.That(() => new PlaywrightPageCapturer(browser, Options.Create(new PageCaptureOptions { AdditionalAllowedOrigins = ["ftp://files"] })),
            Throws.InstanceOf<System.ComponentModel.DataAnnotations.ValidationException>().With.Message.Contains("'ftp://files'"));
    }
}
