using WebGen.Playwright;

namespace WebGen;

/// <summary>Plugs the offline demo into the WebGen agent builder.</summary>
public static class OfflineDemoAgentBuilderExtensions
{
    /// <summary>
    /// Runs the whole pipeline with no model endpoint: the deterministic <see cref="OfflineDemoChatClient"/> as
    /// code model, the <see cref="OfflineScreenshotJudge"/> and the <see cref="SmokeGuiTester"/>. A demo, not a
    /// model: configure real chat clients for real results. Call after
    /// <see cref="PlaywrightAgentBuilderExtensions.UsePlaywrightBrowser"/>.
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
