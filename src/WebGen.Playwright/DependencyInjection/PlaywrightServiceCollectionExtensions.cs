using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WebGen.Playwright;

/// <summary>Registers WebGen.Playwright's browser, page capturer, GUI agent and GUI testers.</summary>
public static class PlaywrightServiceCollectionExtensions
{
    /// <summary>
    /// Registers the shared <see cref="PlaywrightBrowserProvider"/>, <see cref="IPageCapturer"/>
    /// (<see cref="PlaywrightPageCapturer"/>), <see cref="WebVoyagerAgent"/>, <see cref="WebVoyagerGuiTester"/>,
    /// <see cref="SmokeGuiTester"/>, and an <see cref="IGuiTester"/> that is the WebVoyager tester when a chat
    /// client is registered and the smoke tester otherwise. The agent uses the
    /// <see cref="WebGenModelKeys.Vision"/> client and the tester's plan and summary the
    /// <see cref="WebGenModelKeys.Feedback"/> client; each falls back to the <see cref="WebGenModelKeys.Code"/>
    /// client, then to the unkeyed <see cref="IChatClient"/>, and the feedback client last to the vision client.
    /// The agent's and the tester's <c>Profile</c> follow <see cref="WebGenAgentOptions.Profile"/>. All options are
    /// validated at start-up.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the browser (executable, remote endpoint, arguments).</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddPlaywrightBrowser(this IServiceCollection services, Action<PlaywrightBrowserOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        // The checks the constructors run, also at start-up (source-generated; no reflection).
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlaywrightBrowserOptions>, PlaywrightOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PageCaptureOptions>, PlaywrightOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebVoyagerOptions>, PlaywrightOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebVoyagerGuiTesterOptions>, PlaywrightOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmokeGuiTesterOptions>, PlaywrightOptionsValidator>());
        var browser = services.AddOptions<PlaywrightBrowserOptions>().ValidateOnStart();
        if (configure is not null)
        {
            browser.Configure(configure);
        }

        services.AddOptions<PageCaptureOptions>().ValidateOnStart();
        // The GUI agent and tester follow the agent's profile unless configured otherwise after this call.
        services.AddOptions<WebVoyagerOptions>().Configure<IOptions<WebGenAgentOptions>>((o, agent) => o.Profile = agent.Value.Profile).ValidateOnStart();
        services.AddOptions<WebVoyagerGuiTesterOptions>().Configure<IOptions<WebGenAgentOptions>>((o, agent) => o.Profile = agent.Value.Profile).ValidateOnStart();
        services.AddOptions<SmokeGuiTesterOptions>().ValidateOnStart();

        services.TryAddSingleton(sp => new PlaywrightBrowserProvider(
            sp.GetRequiredService<IOptions<PlaywrightBrowserOptions>>(),
            sp.GetService<ILogger<PlaywrightBrowserProvider>>()));
        services.TryAddSingleton(sp => new PlaywrightPageCapturer(
            sp.GetRequiredService<PlaywrightBrowserProvider>(),
            sp.GetRequiredService<IOptions<PageCaptureOptions>>(),
            sp.GetService<ILogger<PlaywrightPageCapturer>>(),
            sp.GetService<TimeProvider>()));
        services.TryAddSingleton<IPageCapturer>(sp => sp.GetRequiredService<PlaywrightPageCapturer>());
        services.TryAddSingleton(sp => new WebVoyagerAgent(
            sp.GetRequiredService<PlaywrightBrowserProvider>(),
            WebGenServiceCollectionExtensions.ResolveModel(sp, WebGenModelKeys.Vision) ?? throw NoChatClient(nameof(WebVoyagerAgent)),
            sp.GetRequiredService<IOptions<WebVoyagerOptions>>(),
            sp.GetService<ILogger<WebVoyagerAgent>>(),
            sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => new WebVoyagerGuiTester(
            sp.GetRequiredService<WebVoyagerAgent>(),
            WebGenServiceCollectionExtensions.ResolveModel(sp, WebGenModelKeys.Feedback) ?? throw NoChatClient(nameof(WebVoyagerGuiTester)),
            sp.GetRequiredService<IOptions<WebVoyagerGuiTesterOptions>>(),
            sp.GetService<ILogger<WebVoyagerGuiTester>>()));
        services.TryAddSingleton(sp => new SmokeGuiTester(
            sp.GetRequiredService<PlaywrightBrowserProvider>(),
            sp.GetRequiredService<IOptions<SmokeGuiTesterOptions>>(),
            sp.GetService<ILogger<SmokeGuiTester>>(),
            sp.GetService<TimeProvider>()));
        services.TryAddSingleton<IGuiTester>(sp => WebGenServiceCollectionExtensions.ResolveModel(sp, WebGenModelKeys.Vision) is null
            ? sp.GetRequiredService<SmokeGuiTester>()
            : sp.GetRequiredService<WebVoyagerGuiTester>());
        return services;
    }

    /// <summary>Makes <see cref="SmokeGuiTester"/> the <see cref="IGuiTester"/>, whatever models are registered.</summary>
    /// <param name="services">The service collection (after <see cref="AddPlaywrightBrowser"/>).</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection UseSmokeGuiTester(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.RemoveAll<IGuiTester>();
        services.AddSingleton<IGuiTester>(sp => sp.GetRequiredService<SmokeGuiTester>());
        return services;
    }

    /// <summary>Makes <see cref="WebVoyagerGuiTester"/> the <see cref="IGuiTester"/>; resolving it fails clearly when no chat client is registered.</summary>
    /// <param name="services">The service collection (after <see cref="AddPlaywrightBrowser"/>).</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection UseWebVoyagerGuiTester(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.RemoveAll<IGuiTester>();
        services.AddSingleton<IGuiTester>(sp => sp.GetRequiredService<WebVoyagerGuiTester>());
        return services;
    }

    private static InvalidOperationException NoChatClient(string component) =>
        new($"{component} needs a chat client: register one with services.AddKeyedChatClient(WebGenModelKeys.Vision, …) "
            + "(or WebGenModelKeys.Feedback / WebGenModelKeys.Code, or an unkeyed AddChatClient), or use UseSmokeGuiTester() to test without a model.");
}
