using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.AI;
using WebGen.Samples.AspNetEmbedding;
using WebGen.Testing;

namespace WebGen.Samples.Tests;

/// <summary>The AspNetEmbedding sample running for real on 127.0.0.1 with a free port, and an HTTP client for it.</summary>
internal sealed class EmbeddingApp : IAsyncDisposable
{
    public const string AccessKey = "sample-test-key";

    private bool _stopped;

    private EmbeddingApp(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    /// <summary>A client with its own cookie jar, not yet signed in.</summary>
    public HttpClient Http { get; }

    /// <summary>A code model that never answers until cancelled: runs stay running until cancelled or shut down.</summary>
    public static IChatClient HangingModel() => new FakeChatClient(async (_, _, cancellationToken) =>
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    });

    public static async Task<EmbeddingApp> StartAsync(string runs, Action<WebGenAgentBuilder> configure, params string[] arguments)
    {
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--WebGen:Models:Code:Endpoint=",
            "--WebGen:Agent:RunsDirectory=" + runs,
            "--Sample:AccessKey=" + AccessKey,
            "--Logging:LogLevel:Default=Warning",
            .. arguments,
        ];
        var app = AspNetEmbeddingApp.Build(args, configure);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new EmbeddingApp(app, new Uri(app.Urls.Single().TrimEnd('/') + "/"));
    }

    public async Task<HttpResponseMessage> SignInAsync(string accessKey = AccessKey) =>
        await Http.PostAsJsonAsync(new Uri("session", UriKind.Relative), new { accessKey });

    public async Task<(HttpResponseMessage Response, JsonObject Body)> PostAsync(string path, object body)
    {
        var response = await Http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject());
    }

    public async Task<JsonObject> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(path.TrimStart('/'), UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), text);
        return JsonNode.Parse(text)!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_stopped)
        {
            _stopped = true;
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await App.StopAsync(timeout.Token);
        }

        await App.DisposeAsync();
    }
}
