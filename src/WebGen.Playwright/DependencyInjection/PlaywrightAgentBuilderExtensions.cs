using Microsoft.Extensions.DependencyInjection;
using WebGen.Playwright;

namespace WebGen;

/// <summary>Plugs the Playwright browser (capture, GUI testers) and the offline demo into the WebGen agent builder.</summary>
public static class PlaywrightAgentBuilderExtensions
{
    /// <summary>
    /// Screenshots with <see cref="PlaywrightPageCapturer"/> and GUI-tests with <see cref="WebVoyagerGuiTester"/>
    /// (or <see cref="SmokeGuiTester"/> when no chat client is registered); see
    /// <see cref="PlaywrightServiceCollectionExtensions.AddPlaywrightBrowser"/>.
    /// </summary>
    /// <param name="builder">The agent builder.</param>
    /// <param name="configure">Edits the browser options.</param>
    public static WebGenAgentBuilder UsePlaywrightBrowser(this WebGenAgentBuilder builder, Action<PlaywrightBrowserOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddPlaywrightBrowser(configure);
        return builder;
    }

    /// <summary>
    /// Runs the whole pipeline with no model endpoint: the deterministic <see cref="OfflineDemoChatClient"/> as
    /// code model, the <see cref="OfflineScreenshotJudge"/> and the <see cref="SmokeGuiTester"/>. A demo, not a
    /// model: configure real chat clients for real results. Call after <see cref="UsePlaywrightBrowser"/>.
    /// </summary>
    /// <param name="builder">The agent builder.</param>
    public static WebGenAgentBuilder UseOfflineDemo(this WebGenAgentBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseCodeModel(new OfflineDemoChatClient()).UseScreenshotJudge(new OfflineScreenshotJudge());
        builder.Services.UseSmokeGuiTester();
        return builder;
    }
}
