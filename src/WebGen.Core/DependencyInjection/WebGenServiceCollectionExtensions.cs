using System.Diagnostics.Metrics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WebGen;

/// <summary>Registers the WebGen agent.</summary>
public static class WebGenServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IWebGenAgent"/> (the default <see cref="WebGenAgent"/>), its
    /// <see cref="WebGenEnvironment"/>, validated <see cref="WebGenAgentOptions"/> (checked at host start-up), the
    /// reference step selector, the built-in step stages (<see cref="DefaultStepStages"/>) and an <see cref="ISecretRedactor"/>
    /// for <see cref="WebGenAgentOptions.SecretValues"/> (register your own first to replace it). Plug the other parts with the returned builder's <c>UseXxx</c> methods or
    /// adapter packages (sandbox, Playwright browser).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Edits the options; optional.</param>
    public static WebGenAgentBuilder AddWebGenAgent(this IServiceCollection services, Action<WebGenAgentOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<WebGenAgentOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebGenAgentOptions>, WebGenAgentOptionsValidator>());
        services.TryAddSingleton<IStepSelector, ReferenceStepSelector>();
        if (!services.Any(d => d.ServiceType == typeof(IStepStage)))
        {
            foreach (var stage in DefaultStepStages.Types)
            {
                services.Add(ServiceDescriptor.Singleton(typeof(IStepStage), stage));
            }
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ModelInstrumentation>();

        // Other packages (benchmark, training server) redact what they store with the same values.
        services.TryAddSingleton<ISecretRedactor>(sp => new SecretRedactor(sp.GetRequiredService<IOptions<WebGenAgentOptions>>().Value.SecretValues));
        services.TryAddSingleton(sp => new WebGenEnvironment(
            new WebGenComponents
            {
                Sandbox = Require<ISandbox>(sp, "a sandbox", "builder.UseLocalSandbox() from WebGen.Sandbox, or builder.UseSandbox(...)"),
                PageCapturer = Require<IPageCapturer>(sp, "a page capturer", "builder.UsePlaywrightBrowser() from WebGen.Playwright, or builder.UsePageCapturer(...)"),
                ScreenshotJudge = Require<IScreenshotJudge>(sp, "a screenshot judge", "builder.UseChatScreenshotJudge(), or builder.UseScreenshotJudge(...)"),
                GuiTester = Require<IGuiTester>(sp, "a GUI tester", "builder.UsePlaywrightBrowser() from WebGen.Playwright, or builder.UseGuiTester(...)"),
                ScreenshotScorers = [.. sp.GetServices<IScreenshotScorer>()],
                StepSelector = sp.GetRequiredService<IStepSelector>(),
                SecretRedactor = sp.GetRequiredService<ISecretRedactor>(),
                StepStages = [.. sp.GetServices<IStepStage>()],
                RunStores = sp.GetService<IRunStoreFactory>() ?? FileRunStoreFactory.Instance,
            },
            sp.GetRequiredService<IOptions<WebGenAgentOptions>>().Value,
            sp.GetService<ILoggerFactory>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(sp => new WebGenAgent(
            ResolveModel(sp, WebGenModelKeys.Code) ?? throw new InvalidOperationException(
                $"No code model is registered. Call builder.UseCodeModel(...) or services.AddKeyedChatClient(WebGenModelKeys.Code, ...)."),
            sp.GetRequiredService<WebGenEnvironment>(),
            sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton<IWebGenAgent>(sp => sp.GetRequiredService<WebGenAgent>());
        return new WebGenAgentBuilder(services);
    }

    /// <summary>
    /// Resolves the chat client registered for a model role: the keyed client, else (for vision and
    /// feedback) the code model, else an unkeyed <see cref="IChatClient"/>, else (for feedback, which needs
    /// only text) the vision model.
    /// </summary>
    /// <para>
    /// Registered through <see cref="AddWebGenAgent(IServiceCollection, Action{WebGenAgentOptions}?)"/>, the client comes
    /// wrapped in Microsoft.Extensions.AI's OpenTelemetry client (source <see cref="WebGenTelemetry.ModelsSourceName"/>:
    /// <c>chat</c> spans, <c>gen_ai.client.token.usage</c>) unless it has one already or
    /// <see cref="WebGenAgentBuilder.DisableModelTelemetry"/> was called.
    /// </para>
    /// <param name="services">The service provider.</param>
    /// <param name="key">A <see cref="WebGenModelKeys"/> value.</param>
    public static IChatClient? ResolveModel(IServiceProvider services, string key)
    {
        ArgumentNullException.ThrowIfNull(services);
        var client = services.GetKeyedService<IChatClient>(key)
            ?? (key != WebGenModelKeys.Code ? services.GetKeyedService<IChatClient>(WebGenModelKeys.Code) : null)
            ?? services.GetService<IChatClient>()
            ?? (key == WebGenModelKeys.Feedback ? services.GetKeyedService<IChatClient>(WebGenModelKeys.Vision) : null);
        return client is null ? null : services.GetService<ModelInstrumentation>()?.Instrument(client) ?? client;
    }

    private static T Require<T>(IServiceProvider sp, string what, string how)
        where T : class
        => sp.GetService<T>() ?? throw new InvalidOperationException($"No {typeof(T).Name} ({what}) is registered for the WebGen agent. Register one with {how}.");
}
