using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using WebGen.Mcp;

namespace WebGen.Hosting;

/// <summary>Serves the WebGen MCP tools over HTTP (the Streamable HTTP transport).</summary>
public static class WebGenMcpEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Registers an MCP server over HTTP with the WebGen tools (<c>generate_site</c> with a progress notification per step,
    /// <c>resume_run</c>, <c>get_run</c>, <c>list_runs</c>, <c>get_screenshot</c>, <c>evaluate_site</c>), with
    /// <see cref="WebGenMcpOptions"/> validated at start-up. Map it with <see cref="MapWebGenMcp"/>. Needs the agent:
    /// <c>services.AddWebGenAgent(...)</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Edits the tools' options; <see cref="WebGenMcpOptions.AllowLocalDirectories"/> stays off unless set here.</param>
    public static IServiceCollection AddWebGenMcp(this IServiceCollection services, Action<WebGenMcpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMcpServer(o =>
            {
                o.ServerInfo = new Implementation
                {
                    Name = "webgen",
                    Title = "WebGen",
                    Version = typeof(WebGenMcpEndpointRouteBuilderExtensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0",
                };
                o.ServerInstructions = "Generates websites with an agent that looks at what it builds. Runs take minutes and report progress per step.";
            })
            .WithHttpTransport()
            .WithWebGenTools(configure);
        return services;
    }

    /// <summary>
    /// Maps the MCP endpoint registered by <see cref="AddWebGenMcp"/> at <paramref name="pattern"/>. The endpoint is the app's to
    /// protect: add <c>RequireAuthorization()</c> (and rate limiting) to the returned builder.
    /// </summary>
    /// <param name="endpoints">The app's endpoint route builder.</param>
    /// <param name="pattern">The route; <c>/mcp</c> by default.</param>
    /// <exception cref="InvalidOperationException">The MCP server is not registered (the SDK's own message).</exception>
    public static IEndpointConventionBuilder MapWebGenMcp(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern = "/mcp")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapMcp(pattern);
    }
}
