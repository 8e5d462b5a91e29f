using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WebGen.Hosting.Tests;

/// <summary>An ASP.NET Core app hosting the agent through the package, on 127.0.0.1 with a free port, and a client for it.</summary>
internal sealed class HostedApp : IAsyncDisposable
{
    private bool _stopped;

    private HostedApp(WebApplication app)
    {
        App = app;
        BaseAddress = new Uri(app.Urls.Single().TrimEnd('/') + "/");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public WebGenRunQueue Queue => App.Services.GetRequiredService<WebGenRunQueue>();

    /// <summary>Configuration every test app shares: its runs directory, no template, quiet logs.</summary>
    public static Dictionary<string, string?> Settings(string runs, params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["WebGen:Agent:RunsDirectory"] = runs,
            ["WebGen:Agent:MaxIterations"] = "6",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    public static async Task<HostedApp> StartAsync(IReadOnlyDictionary<string, string?> settings, Action<WebGenAgentBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        var agent = builder.Services.AddWebGenAgent(builder.Configuration.GetSection("WebGen"));
        configure?.Invoke(agent);
        builder.Services.AddWebGenHosting();
        builder.Services.AddHealthChecks().AddWebGenChecks();

        var app = builder.Build();
        app.MapWebGen();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new HostedApp(app);
    }

    public async Task<(HttpResponseMessage Response, JsonObject Body)> PostAsync(string path, object? body = null)
    {
        var response = body is null
            ? await Http.PostAsync(new Uri(path.TrimStart('/'), UriKind.Relative), null)
            : await Http.PostAsJsonAsync(new Uri(path.TrimStart('/'), UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject());
    }

    public async Task<JsonObject> SubmitAsync(string instruction = "A todo app. Set the background color to white and the component color to teal.")
    {
        var (response, body) = await PostAsync("runs", new { instruction });
        Assert.That((int)response.StatusCode, Is.EqualTo(202), body.ToJsonString());
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo((string?)body["url"]));
        return body;
    }

    public async Task<JsonNode> GetJsonAsync(string path, int status = 200)
    {
        using var response = await Http.GetAsync(new Uri(path.TrimStart('/'), UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(status), text);
        return JsonNode.Parse(text)!;
    }

    public Task<EventStream> OpenEventsAsync(string id, string? lastEventId = null) => EventStream.OpenAsync(Http, $"runs/{id}/events", lastEventId);

    /// <summary>Stops the app as a host shutdown would.</summary>
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

    private static Task WriteHealthAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new JsonObject
        {
            ["status"] = report.Status.ToString(),
            ["entries"] = new JsonObject(report.Entries.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)new JsonObject
            {
                ["status"] = e.Value.Status.ToString(),
                ["description"] = e.Value.Description,
                ["tags"] = new JsonArray([.. e.Value.Tags.Select(t => (JsonNode?)t)]),
            }))),
        };
        return context.Response.WriteAsync(body.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
