using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WebGen.Training.Server;

/// <summary>Maps the environment server's endpoints into an ASP.NET Core app.</summary>
public static class EnvironmentEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST /episodes</c>, <c>POST /episodes/{id}/step</c>, <c>GET /episodes/{id}</c>, <c>DELETE /episodes/{id}</c>
    /// and <c>POST /rewards/group-advantages</c>, and OpenEnv's <c>POST /reset</c>, <c>POST /step</c>, <c>GET /state</c>,
    /// <c>GET /health</c> and WebSocket session <c>/ws</c> under <paramref name="prefix"/>, guarded by the API key and the allowed
    /// hosts of <see cref="EnvironmentServerOptions"/> (a generated key is logged here, once; <c>/health</c> needs no key).
    /// Requires <see cref="EnvironmentServerServiceCollectionExtensions.AddWebGenEnvironmentServer"/>, and <c>app.UseWebSockets()</c>
    /// before this call for <c>/ws</c>.
    /// </summary>
    /// <param name="endpoints">The app's endpoint route builder.</param>
    /// <param name="prefix">A route prefix such as <c>/webgen</c>; none by default.</param>
    /// <returns>The route group, to add conventions (rate limiting, CORS, your own authorization).</returns>
    /// <exception cref="InvalidOperationException">The server's services are not registered.</exception>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public static RouteGroupBuilder MapWebGenEnvironment(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        var services = endpoints.ServiceProvider;
        var registry = services.GetService<EpisodeRegistry>() ?? throw new InvalidOperationException(
            "The environment server's services are not registered; call services.AddWebGenEnvironmentServer() before MapWebGenEnvironment().");
        var options = services.GetRequiredService<IOptions<EnvironmentServerOptions>>().Value;
        var operations = new EpisodeOperations(registry, services.GetRequiredService<IEpisodeHost>(), services.GetRequiredService<BenchTasks>(), services.GetRequiredService<IStepRewardAdapter>(), services.GetRequiredService<ILogger<EpisodeOperations>>());
        var handlers = new EpisodeEndpoints(operations);

        var filterLogger = services.GetRequiredService<ILogger<ApiKeyEndpointFilter>>();
        if (options.ApiKeyGenerated)
        {
            Log.ApiKeyGenerated(filterLogger, options.ApiKey!);
        }
        else if (options.ApiKey is null)
        {
            Log.ApiKeyNotRequired(filterLogger);
        }

        var filter = new ApiKeyEndpointFilter(options.ApiKey, options.AllowedHosts, filterLogger);
        var stopping = services.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        var openEnv = new OpenEnvEndpoints(operations, services.GetRequiredService<ILogger<OpenEnvEndpoints>>(), stopping);

        // OpenEnv's health check is polled by launchers that send no key; it still refuses foreign host names.
        endpoints.MapGroup(prefix)
            .AddEndpointFilter((context, next) => filter.CheckHost(context.HttpContext) is { } problem ? ValueTask.FromResult<object?>(problem) : next(context))
            .MapGet("/health", openEnv.Health).WithName("WebGenOpenEnvHealth");

        var group = endpoints.MapGroup(prefix);
        group.AddEndpointFilter(filter);
        group.MapPost("/episodes", (Func<HttpContext, Task<IResult>>)handlers.CreateAsync).WithName("WebGenCreateEpisode");
        group.MapPost("/episodes/{id}/step", handlers.StepAsync).WithName("WebGenStepEpisode");
        group.MapGet("/episodes/{id}", handlers.Get).WithName("WebGenGetEpisode");
        group.MapDelete("/episodes/{id}", handlers.DeleteAsync).WithName("WebGenDeleteEpisode");
        group.MapPost("/rewards/group-advantages", (Func<HttpContext, Task<IResult>>)EpisodeEndpoints.GroupAdvantagesAsync).WithName("WebGenGroupAdvantages");
        group.MapPost("/reset", (Func<HttpContext, Task<IResult>>)openEnv.ResetAsync).WithName("WebGenOpenEnvReset");
        group.MapPost("/step", (Func<HttpContext, Task<IResult>>)openEnv.StepAsync).WithName("WebGenOpenEnvStep");
        group.MapGet("/state", openEnv.State).WithName("WebGenOpenEnvState");
        group.MapGet("/ws", (Func<HttpContext, Task<IResult>>)openEnv.WebSocketAsync).WithName("WebGenOpenEnvWebSocket");
        return group;
    }
}
