using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WebGen.Mcp;

namespace WebGen;

/// <summary>Adds the WebGen tools to an MCP server.</summary>
public static class WebGenMcpServerBuilderExtensions
{
    /// <summary>
    /// Adds the WebGen tools (<c>generate_site</c>, <c>resume_run</c>, <c>get_run</c>, <c>list_runs</c>, <c>get_screenshot</c>,
    /// <c>evaluate_site</c>) to the server, with <see cref="WebGenMcpOptions"/> validated at start-up. The agent comes from the
    /// container: register it with <c>services.AddWebGenAgent(...)</c>. Runs live under <see cref="WebGenAgentOptions.RunsDirectory"/>.
    /// </summary>
    /// <param name="builder">The MCP server builder (<c>services.AddMcpServer()</c>).</param>
    /// <param name="configure">Edits the options; optional.</param>
    public static IMcpServerBuilder WithWebGenTools(this IMcpServerBuilder builder, Action<WebGenMcpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebGenMcpOptions>, WebGenMcpOptionsValidator>());
        var options = builder.Services.AddOptions<WebGenMcpOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddSingleton<McpRunGate>();
        builder.Services.TryAddSingleton<SiteEvaluator>();
        return builder.WithTools<WebGenTools>();
    }
}
