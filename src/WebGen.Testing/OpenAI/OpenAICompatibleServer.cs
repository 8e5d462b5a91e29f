using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenAI;

namespace WebGen.Testing;

/// <summary>
/// A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions protocol
/// (<c>POST /v1/chat/completions</c>, plain and streamed) and answers from a script.
/// Tests drive the real <c>Microsoft.Extensions.AI.OpenAI</c> client against it.
/// </summary>
public sealed class OpenAICompatibleServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<ChatCompletionCall, CancellationToken, ValueTask<ScriptedReply>> _script;
    private readonly ConcurrentQueue<ChatCompletionCall> _calls = new();
    private int _count;

    private OpenAICompatibleServer(WebApplication app, Func<ChatCompletionCall, CancellationToken, ValueTask<ScriptedReply>> script)
    {
        _app = app;
        _script = script;
    }

    /// <summary>The base address to give an OpenAI client, ending in <c>/v1/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every call received so far, in arrival order.</summary>
    public IReadOnlyList<ChatCompletionCall> Calls => [.. _calls.OrderBy(c => c.Index)];

    /// <summary>Starts a server answering every call with <paramref name="script"/>.</summary>
    /// <param name="script">Maps a call to its reply.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static Task<OpenAICompatibleServer> StartAsync(Func<ChatCompletionCall, ScriptedReply> script, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        return StartAsync((call, _) => ValueTask.FromResult(script(call)), cancellationToken);
    }

    /// <summary>Starts a server answering every call with an asynchronous <paramref name="script"/>.</summary>
    /// <param name="script">Maps a call to its reply.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static async Task<OpenAICompatibleServer> StartAsync(Func<ChatCompletionCall, CancellationToken, ValueTask<ScriptedReply>> script, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new OpenAICompatibleServer(app, script);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        app.MapPost("/chat/completions", server.HandleAsync);
        app.MapGet("/v1/models", () => Results.Json(new { @object = "list", data = new[] { new { id = "scripted", @object = "model" } } }));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/v1/");
        return server;
    }

    /// <summary>
    /// Creates a real OpenAI chat client for this server. The client's own retries are off
    /// so that resilience decorators under test are the only ones retrying.
    /// </summary>
    /// <param name="model">The model name sent in requests.</param>
    /// <param name="apiKey">The API key sent as a bearer token.</param>
    /// <param name="networkTimeout">The client's network timeout (default 100 s).</param>
    public IChatClient CreateChatClient(string model = "scripted-model", string apiKey = "test-key", TimeSpan? networkTimeout = null)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = BaseUrl,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = networkTimeout ?? TimeSpan.FromSeconds(100),
        };
        return new OpenAIClient(new ApiKeyCredential(apiKey), options).GetChatClient(model).AsIChatClient();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(cts.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        string body;
        using (var reader = new StreamReader(context.Request.Body))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        ChatCompletionCall call;
        try
        {
            call = ChatCompletionCall.Parse(Interlocked.Increment(ref _count) - 1, body, context.Request.Headers.Authorization.ToString());
        }
        catch (JsonException ex)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "Invalid JSON: " + ex.Message, type = "invalid_request_error" } }, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        _calls.Enqueue(call);
        var reply = await _script(call, context.RequestAborted).ConfigureAwait(false);
        if (reply.Delay != TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (reply.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        if (reply.StatusCode != 200)
        {
            context.Response.StatusCode = reply.StatusCode;
            await context.Response.WriteAsJsonAsync(new { error = new { message = $"Scripted error {reply.StatusCode}", type = "server_error", code = reply.StatusCode.ToString(CultureInfo.InvariantCulture) } }, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var id = "chatcmpl-" + call.Index.ToString(CultureInfo.InvariantCulture);
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var usage = new { prompt_tokens = reply.PromptTokens, completion_tokens = reply.CompletionTokens, total_tokens = reply.PromptTokens + reply.CompletionTokens };
        if (!call.Stream)
        {
            await context.Response.WriteAsJsonAsync(new
            {
                id,
                @object = "chat.completion",
                created,
                model = call.Model,
                choices = new[] { new { index = 0, message = new { role = "assistant", content = reply.Content }, finish_reason = "stop" } },
                usage,
            }, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        async Task SendAsync(object chunk)
        {
            await context.Response.WriteAsync("data: " + JsonSerializer.Serialize(chunk) + "\n\n", context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }

        await SendAsync(new { id, @object = "chat.completion.chunk", created, model = call.Model, choices = new[] { new { index = 0, delta = new { role = "assistant", content = reply.Content }, finish_reason = (string?)null } } }).ConfigureAwait(false);
        await SendAsync(new { id, @object = "chat.completion.chunk", created, model = call.Model, choices = new[] { new { index = 0, delta = new { }, finish_reason = "stop" } }, usage }).ConfigureAwait(false);
        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted).ConfigureAwait(false);
    }
}
