using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using WebGen.Samples.AspNetEmbedding;
using WebGen.Testing;

namespace WebGen.Samples.Tests;

/// <summary>The AspNetEmbedding sample running for real on 127.0.0.1 with a free port, and an HTTP client for it.</summary>
internal sealed class EmbeddingApp : IAsyncDisposable
{
    private bool _stopped;

    private EmbeddingApp(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public GenerationRegistry Registry => App.Services.GetRequiredService<GenerationRegistry>();

    /// <summary>A code model that never answers until cancelled: generations stay running until DELETE or shutdown.</summary>
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

    public async Task<(HttpResponseMessage Response, JsonObject Body)> PostAsync(object body)
    {
        var response = await Http.PostAsJsonAsync(new Uri("generations", UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        return (response, JsonNode.Parse(text)!.AsObject());
    }

    public async Task<JsonObject> StartGenerationAsync(string instruction = "A todo app. Set the background color to white and the component color to teal.")
    {
        var (response, body) = await PostAsync(new { instruction });
        Assert.That((int)response.StatusCode, Is.EqualTo(202), body.ToJsonString());
        return body;
    }

    public async Task<JsonObject> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(path.TrimStart('/'), UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Stops the app as a host shutdown would (bounded by a generous timeout).</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await App.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await StopAsync();
        await App.DisposeAsync();
    }
}
