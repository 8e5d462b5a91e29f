using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WebGen.Hosting;
using WebGen.Hosting.Configuration;
using WebGen.Playwright;
using WebGen.Sandbox;

namespace WebGen;

/// <summary>Registers the WebGen agent from configuration.</summary>
public static class WebGenConfigurationServiceCollectionExtensions
{
    /// <summary>
    /// Registers the agent with every part configured from <paramref name="configuration"/> (usually
    /// <c>configuration.GetSection("WebGen")</c>), validated at start-up: <c>Agent</c> (<see cref="WebGenAgentOptions"/>),
    /// <c>Sandbox</c> (<see cref="LocalSandboxOptions"/>, the local Node sandbox), <c>Browser</c> (<see cref="PlaywrightBrowserOptions"/>),
    /// <c>Capture</c> (<see cref="PageCaptureOptions"/>), <c>WebVoyager</c> (<see cref="WebVoyagerOptions"/>), <c>GuiTester</c>
    /// (<see cref="WebVoyagerGuiTesterOptions"/>), <c>SmokeTester</c> (<see cref="SmokeGuiTesterOptions"/>), <c>PreChecks</c>
    /// (<see cref="ScreenshotPreCheckOptions"/>), <c>Judge</c> (<see cref="ChatScreenshotJudgeOptions"/>), <c>Resilience</c>
    /// (<see cref="ChatResilienceOptions"/> of the model clients) and <c>Hosting</c> (<see cref="WebGenHostingOptions"/>).
    /// <c>Models:Code</c>, <c>Models:Vision</c> and <c>Models:Feedback</c> (<c>Endpoint</c>, <c>Model</c>, <c>ApiKey</c>) name
    /// OpenAI-compatible endpoints; with a code endpoint the VLM judge and the WebVoyager GUI tester are used. With none, no
    /// model is registered: plug one with the returned builder (<c>UseCodeModel</c>, or <c>UseOfflineDemo()</c> for the demo).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The <c>WebGen</c> configuration section.</param>
    /// <returns>The agent builder, to replace any part.</returns>
    /// <exception cref="InvalidOperationException">A model endpoint is not an http(s) URL or names no model.</exception>
    /// <exception cref="OptionsValidationException">The <c>PreChecks</c> options are invalid (the others fail when the host starts).</exception>
    public static WebGenAgentBuilder AddWebGenAgent(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var path = configuration is IConfigurationSection section ? section.Path : "WebGen";

        var agent = services.AddWebGenAgent();
        services.AddOptions<WebGenAgentOptions>().Bind(configuration.GetSection("Agent"));
        agent.UseLocalSandbox();
        services.AddOptions<LocalSandboxOptions>().Bind(configuration.GetSection("Sandbox"));
        agent.UsePlaywrightBrowser();
        services.AddOptions<PlaywrightBrowserOptions>().Bind(configuration.GetSection("Browser"));
        services.AddOptions<PageCaptureOptions>().Bind(configuration.GetSection("Capture"));
        services.AddOptions<WebVoyagerOptions>().Bind(configuration.GetSection("WebVoyager"));
        services.AddOptions<WebVoyagerGuiTesterOptions>().Bind(configuration.GetSection("GuiTester"));
        services.AddOptions<SmokeGuiTesterOptions>().Bind(configuration.GetSection("SmokeTester"));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebGenHostingOptions>, HostingOptionsValidator>());
        services.AddOptions<WebGenHostingOptions>().Bind(configuration.GetSection("Hosting")).ValidateOnStart();
        agent.UseScreenshotPreChecks(ReadPreChecks(configuration, path));

        var code = ConfiguredModel.Read(configuration, path, "Code");
        if (code is null)
        {
            return agent;
        }

        var vision = ConfiguredModel.Read(configuration, path, "Vision") ?? code with { Role = "Vision" };
        var feedback = ConfiguredModel.Read(configuration, path, "Feedback") ?? code with { Role = "Feedback" };
        var resilience = configuration.GetSection("Resilience");
        agent.UseCodeModel(sp => code.CreateClient(sp, resilience))
            .UseVisionModel(sp => vision.CreateClient(sp, resilience))
            .UseFeedbackModel(sp => feedback.CreateClient(sp, resilience))
            .UseChatScreenshotJudge(o => configuration.GetSection("Judge").Bind(o));
        services.UseWebVoyagerGuiTester();
        return agent;
    }

    private static ScreenshotPreCheckOptions ReadPreChecks(IConfiguration configuration, string path)
    {
        const string Name = "PreChecks";
        var options = configuration.GetSection(Name).Get<ScreenshotPreCheckOptions>() ?? new ScreenshotPreCheckOptions();
        var result = HostingOptionsValidator.Validate(options);
        if (result.Failed)
        {
            // Each failure starts with the member's name, so the prefix makes the configuration key: WebGen:PreChecks:MaxListedItems.
            throw new OptionsValidationException(Name, typeof(ScreenshotPreCheckOptions), [.. result.Failures.Select(f => $"{path}:{Name}:{f}")]);
        }

        return options;
    }
}
