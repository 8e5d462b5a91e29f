using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WebGen.Sandbox;

namespace WebGen;

/// <summary>Plugs the local Node sandbox into the WebGen agent builder.</summary>
public static class LocalSandboxAgentBuilderExtensions
{
    /// <summary>Runs generated sites with <see cref="LocalNodeSandbox"/> (options validated at start-up).</summary>
    /// <param name="builder">The agent builder.</param>
    /// <param name="configure">Edits the sandbox options.</param>
    public static WebGenAgentBuilder UseLocalSandbox(this WebGenAgentBuilder builder, Action<LocalSandboxOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.RemoveAll<ISandbox>();
        builder.Services.AddLocalNodeSandbox(configure);
        return builder;
    }
}
