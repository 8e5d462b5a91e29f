using Microsoft.Extensions.DependencyInjection;
using WebGen.Playwright;

namespace WebGen;

/// <summary>Plugs the Playwright browser (capture, GUI testers) into the WebGen agent builder.</summary>
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
}
