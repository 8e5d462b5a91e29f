using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace WebGen.Hosting;

/// <summary>Maps the WebGen run API into an ASP.NET Core app.</summary>
public static class WebGenEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the run API under <paramref name="prefix"/>: <c>POST</c> (create: 202 with the run, 429 with <c>Retry-After</c> when the
    /// queue is full), <c>GET</c> (list, <c>?status=Running</c>), <c>GET /{id}</c>, <c>POST /{id}/cancel</c>, <c>POST /{id}/resume</c>,
    /// <c>DELETE /{id}</c> (forget a finished run), <c>GET /{id}/events</c> (Server-Sent Events: the log so far, then live events;
    /// <c>Last-Event-ID</c> continues after that event), <c>GET /{id}/steps/{step}/screenshot.png</c> and <c>GET /{id}/files</c> (the
    /// chosen site). Errors are RFC 7807 problem responses. The endpoints are the app's to protect: add authorization, rate limiting
    /// or CORS to the returned group. Requires <see cref="WebGenHostingServiceCollectionExtensions.AddWebGenHosting"/>.
    /// </summary>
    /// <param name="endpoints">The app's endpoint route builder.</param>
    /// <param name="prefix">A literal route prefix; <c>/runs</c> by default.</param>
    /// <returns>The route group, for conventions such as <c>RequireAuthorization()</c>.</returns>
    /// <exception cref="InvalidOperationException">The run queue is not registered.</exception>
    public static RouteGroupBuilder MapWebGen(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string prefix = "/runs")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        var services = endpoints.ServiceProvider;
        var queue = services.GetService<WebGenRunQueue>() ?? throw new InvalidOperationException(
            "The WebGen run queue is not registered; call services.AddWebGenHosting() (and services.AddWebGenAgent(...)) before MapWebGen().");
        var normalised = "/" + prefix.Trim('/');
        var handlers = new RunEndpoints(queue, services.GetService<IHostApplicationLifetime>(), normalised);

        var group = endpoints.MapGroup(normalised);
        group.MapPost("/", (Func<HttpContext, Task<IResult>>)handlers.CreateAsync).WithName("WebGenCreateRun");
        group.MapGet("/", handlers.List).WithName("WebGenListRuns");
        group.MapGet("/{id}", handlers.GetAsync).WithName("WebGenGetRun");
        group.MapPost("/{id}/cancel", handlers.Cancel).WithName("WebGenCancelRun");
        group.MapPost("/{id}/resume", handlers.ResumeAsync).WithName("WebGenResumeRun");
        group.MapDelete("/{id}", handlers.Delete).WithName("WebGenDeleteRun");
        group.MapGet("/{id}/events", handlers.Events).WithName("WebGenRunEvents");
        group.MapGet("/{id}/steps/{step:int}/screenshot.png", handlers.ScreenshotAsync).WithName("WebGenRunScreenshot");
        group.MapGet("/{id}/files", handlers.FilesAsync).WithName("WebGenRunFiles");
        return group;
    }
}
