using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace WebGen.Training.Server;

/// <summary>
/// The OpenEnv routes (<c>/reset</c>, <c>/step</c>, <c>/state</c>, <c>/health</c>, <c>/ws</c>), matching OpenEnv's
/// <c>HTTPEnvServer.register_routes</c> (meta-pytorch/OpenEnv, <c>src/openenv/core/env_server/http_server.py</c>) and the
/// models of <c>src/openenv/core/env_server/types.py</c>, over the same episodes as the native endpoints.
/// </summary>
/// <remarks>
/// OpenEnv's simple HTTP server holds one environment. Here HTTP keeps one <em>default episode</em>: <c>/reset</c> ends the
/// previous default episode (so a trainer that abandons episodes does not pile them up against the episode limit) and
/// starts a new one, and <c>/step</c> and <c>/state</c> address it, or any other open episode named by the
/// <c>X-Episode-Id</c> header (one started with <c>POST /episodes</c>, say). Parallel rollouts use the WebSocket session,
/// whose connection owns its own episode (<see cref="OpenEnvWebSocketSession"/>), as OpenEnv gives each connection its own
/// environment.
/// </remarks>
internal sealed class OpenEnvEndpoints(EpisodeOperations operations, ILogger<OpenEnvEndpoints> logger, CancellationToken stopping)
{
    /// <summary>The header that names the episode of an HTTP <c>/step</c> or <c>/state</c>, and that <c>/reset</c> answers with.</summary>
    public const string EpisodeIdHeader = "X-Episode-Id";

    private HostedEpisode? _default;

    public async Task<IResult> ResetAsync(HttpContext context)
    {
        var (body, problem) = await RequestBody.ReadAsync<OpenEnvResetRequest>(context, OpenEnvJson.Options).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        // The previous default episode ends before the new one starts, so that its slot is free for it.
        await EndAsync(Interlocked.Exchange(ref _default, null)).ConfigureAwait(false);
        var (episode, failure) = await operations.StartAsync(body!.Instruction, body.TaskId, body.MaxSteps, body.EpisodeId, EpisodeFieldNames.OpenEnv, context.RequestAborted).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure.ToResult(context);
        }

        // Two resets at once: the later one is the default, the other episode ends too.
        await EndAsync(Interlocked.Exchange(ref _default, episode)).ConfigureAwait(false);

        context.Response.Headers[EpisodeIdHeader] = episode!.Id;
        return Json(OpenEnvResult.Reset(episode));
    }

    public async Task<IResult> StepAsync(HttpContext context)
    {
        var (body, problem) = await RequestBody.ReadAsync<OpenEnvStepRequest>(context, OpenEnvJson.Options).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Action?.Message is not { } message)
        {
            return Problems.Invalid(
                "The step request has no action message.",
                "action.message",
                "Send the policy's answer as {\"action\": {\"message\": \"<boltArtifact …>\"}} (a string; an empty answer is a malformed step).");
        }

        var (episode, missing) = Resolve(context);
        if (missing is not null)
        {
            return missing;
        }

        var (outcome, failure) = await operations.StepAsync(episode!, message, context.RequestAborted).ConfigureAwait(false);
        return failure is not null ? failure.ToResult(context) : Json(OpenEnvResult.Step(episode!, outcome!));
    }

    public IResult State(HttpContext context)
    {
        if (context.Request.Headers[EpisodeIdHeader].ToString().Length == 0 && Volatile.Read(ref _default) is null)
        {
            return Json(OpenEnvState.Empty);
        }

        var (episode, missing) = Resolve(context);
        if (missing is not null)
        {
            return missing;
        }

        episode!.Touch(operations.Registry.Time.GetUtcNow());
        return Json(OpenEnvState.Of(episode));
    }

    /// <summary>OpenEnv's health check; answers without the API key (it tells only that the server is up).</summary>
    public IResult Health() => operations.Registry.IsClosed || stopping.IsCancellationRequested
        ? Json(new OpenEnvHealth { Status = "unhealthy" }, StatusCodes.Status503ServiceUnavailable)
        : Json(new OpenEnvHealth { Status = "healthy" });

    public async Task<IResult> WebSocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return Problems.Create(
                StatusCodes.Status400BadRequest,
                "WebSocket required",
                "/ws serves OpenEnv's WebSocket session: connect with a WebSocket client (ws://host:port/ws). When you map the endpoints into your own app, call app.UseWebSockets() before MapWebGenEnvironment().");
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        using var session = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        Log.OpenEnvSessionStarted(logger, context.Connection.RemoteIpAddress?.ToString() ?? "?");
        await new OpenEnvWebSocketSession(socket, operations, logger).RunAsync(session.Token).ConfigureAwait(false);
        Log.OpenEnvSessionEnded(logger, context.Connection.RemoteIpAddress?.ToString() ?? "?");
        return Results.Empty;
    }

    private static IResult Json<T>(T value, int status = StatusCodes.Status200OK) => Results.Json(value, OpenEnvJson.Options, statusCode: status);

    private (HostedEpisode? Episode, IResult? Problem) Resolve(HttpContext context)
    {
        var named = context.Request.Headers[EpisodeIdHeader].ToString();
        if (named.Length > 0)
        {
            return operations.Registry.Find(named) is { } episode ? (episode, null) : (null, Problems.EpisodeNotFound(named));
        }

        if (Volatile.Read(ref _default) is not { } fallback)
        {
            return (null, Problems.Create(
                StatusCodes.Status409Conflict,
                "No episode",
                $"There is no episode to step: POST /reset with {{\"instruction\": \"…\"}} first, or name an open episode with the {EpisodeIdHeader} header."));
        }

        // The default episode may have been deleted or have expired since (and its id been taken by a newer episode).
        return operations.Registry.Find(fallback.Id) == fallback ? (fallback, null) : (null, Problems.EpisodeNotFound(fallback.Id));
    }

    private async Task EndAsync(HostedEpisode? episode)
    {
        if (episode is not null)
        {
            await operations.Registry.RemoveAsync(episode, "replaced by POST /reset").ConfigureAwait(false);
        }
    }
}
