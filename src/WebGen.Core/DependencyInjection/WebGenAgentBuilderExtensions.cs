using Microsoft.Extensions.Options;

namespace WebGen;

/// <summary>Registers WebGen.Core's own judges and pre-checks on the agent builder.</summary>
public static class WebGenAgentBuilderExtensions
{
    /// <summary>Uses <see cref="ChatScreenshotJudge"/> over the vision model (falling back to the code model).</summary>
    /// <param name="builder">The agent builder.</param>
    /// <param name="configure">Edits the judge options.</param>
    public static WebGenAgentBuilder UseChatScreenshotJudge(this WebGenAgentBuilder builder, Action<ChatScreenshotJudgeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new ChatScreenshotJudgeOptions();
        configure?.Invoke(options);
        return builder.UseScreenshotJudge(sp => new ChatScreenshotJudge(
            WebGenServiceCollectionExtensions.ResolveModel(sp, WebGenModelKeys.Vision)
                ?? throw new InvalidOperationException("The chat screenshot judge needs a vision or code model: call UseVisionModel(...) or UseCodeModel(...)."),
            Options.Create(options)));
    }

    /// <summary>Adds the deterministic pre-checks (runtime errors, blank page, overflow, contrast, accessibility) before the judge.</summary>
    /// <param name="builder">The agent builder.</param>
    /// <param name="options">Thresholds; defaults when null.</param>
    public static WebGenAgentBuilder UseScreenshotPreChecks(this WebGenAgentBuilder builder, ScreenshotPreCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var scorer in ScreenshotPreChecks.CreateDefault(options))
        {
            builder.UseScreenshotScorer(scorer);
        }

        return builder;
    }
}
