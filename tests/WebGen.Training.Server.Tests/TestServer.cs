using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace WebGen.Training.Server.Tests;

/// <summary>A real environment server on 127.0.0.1 over a <see cref="World"/>, with an HTTP client that plays the trainer.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly string _root;

    private TestServer(WebGenEnvironmentServer server, World world, string root, string? apiKey)
    {
        Server = server;
        World = world;
        _root = root;
        Client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        if (apiKey is not null)
        {
            Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    public WebGenEnvironmentServer Server { get; }

    public World World { get; }

    public HttpClient Client { get; }

    public static async Task<TestServer> StartAsync(
        Action<EnvironmentServerOptions>? options = null,
        TimeProvider? time = null,
        IStepRewardAdapter? rewardAdapter = null,
        string? clientApiKey = null,
        bool authenticate = true,
        Action<WebGenAgentOptions>? agent = null)
    {
        var world = new World();
        var root = Path.Combine(Path.GetTempPath(), "webgen-server-tests", Guid.NewGuid().ToString("N")[..12]);
        var server = await WebGenEnvironmentServer.StartAsync(
            services =>
            {
                if (time is not null)
                {
                    services.AddSingleton(time);
                }

                var builder = services.AddWebGenAgent(o =>
                    {
                        o.RunsDirectory = Path.Combine(root, "runs");
                        agent?.Invoke(o);
                    })
                    .UseSandbox(world.Sandbox)
                    .UsePageCapturer(world.Capturer)
                    .UseScreenshotJudge(world.Judge)
                    .UseGuiTester(world.GuiTester);
                if (rewardAdapter is not null)
                {
                    builder.UseRewardAdapter(rewardAdapter);
                }
            },
            options);
        // The trainer sends the server's key (configured or generated) unless the test says otherwise.
        return new TestServer(server, world, root, authenticate ? clientApiKey ?? server.ApiKey : null);
    }

    public async Task<JsonObject> CreateAsync(string instruction = "A todo list with a dark theme", int? maxSteps = null, string? id = null, string? taskId = null)
    {
        var body = new JsonObject { ["instruction"] = instruction, ["maxSteps"] = maxSteps, ["id"] = id };
        if (taskId is not null)
        {
            body["taskId"] = taskId;
        }

        using var response = await PostAsync("episodes", body);
        return await ExpectAsync(response, HttpStatusCode.Created);
    }

    public async Task<JsonObject> StepAsync(string id, string output)
    {
        using var response = await PostAsync($"episodes/{id}/step", new JsonObject { ["output"] = output });
        return await ExpectAsync(response, HttpStatusCode.OK);
    }

    public async Task<JsonObject> GetAsync(string id)
    {
        using var response = await Client.GetAsync(new Uri($"episodes/{id}", UriKind.Relative));
        return await ExpectAsync(response, HttpStatusCode.OK);
    }

    public Task<HttpResponseMessage> PostAsync(string path, JsonNode body) => Client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);

    public Task<HttpResponseMessage> PostRawAsync(string path, string body, string mediaType = "application/json") =>
        Client.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body, Encoding.UTF8, mediaType));

    public static async Task<JsonObject> ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"), text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Asserts an RFC 7807 problem response and returns its body.</summary>
    public static async Task<JsonObject> ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.That((int?)problem["status"], Is.EqualTo((int)status), text);
        Assert.That((string?)problem["title"], Is.Not.Empty, text);
        return problem;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
