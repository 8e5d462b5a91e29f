using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WebGen.Training.Server.Tests;

/// <summary>Who may drive the server, over real HTTP: API keys, DNS rebinding, and secrets in responses.</summary>
public sealed class SecurityTests
{
    private const string Key = "0123456789abcdef0123456789abcdef";

    [Test]
    public async Task Without_a_configured_key_one_is_generated_logged_once_and_required()
    {
        var logs = new ConcurrentQueue<string>();
        await using var server = await StartAsync(logs, configure: null);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var anonymous = await http.GetAsync(new Uri("episodes/none", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, "episodes/none");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.ApiKey);
        using var authenticated = await http.SendAsync(request);

        Assert.That(server.ApiKey, Does.Match("^[0-9a-f]{64}$"));
        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a loopback client without the key is refused too");
        Assert.That(authenticated.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "with the generated key the request reaches the endpoint");
        Assert.That(logs.Count(l => l.Contains(server.ApiKey!, StringComparison.Ordinal)), Is.EqualTo(1), "the generated key is logged exactly once");
        Assert.That(logs.Single(l => l.Contains(server.ApiKey!, StringComparison.Ordinal)), Does.Contain("Authorization: Bearer"));

        await using var other = await StartAsync(logs, configure: null);
        Assert.That(other.ApiKey, Is.Not.EqualTo(server.ApiKey), "every server generates its own key");
    }

    [Test]
    public async Task Turning_the_key_requirement_off_is_explicit_serves_loopback_and_warns()
    {
        var logs = new ConcurrentQueue<string>();
        await using var server = await StartAsync(logs, o => o.RequireApiKey = false);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await http.GetAsync(new Uri("episodes/none", UriKind.Relative));

        Assert.That(server.ApiKey, Is.Null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(logs, Has.Some.Contains("requires no API key"));
    }

    [TestCase("evil.example", null, false)]
    [TestCase("evil.example.", null, false)]
    [TestCase("127.0.0.1.nip.io", null, false)]
    [TestCase("localhost", null, true)]
    [TestCase("LOCALHOST", null, true)]
    [TestCase("127.0.0.1", null, true)]
    [TestCase("[::1]", null, true)]
    [TestCase("trainer.internal", "trainer.internal", true)]
    [TestCase("evil.example", "trainer.internal", false)]
    [TestCase("anything.example", "*", true)]
    public async Task Only_loopback_and_configured_host_names_are_answered(string host, string? allowed, bool answered)
    {
        // DNS rebinding: a web page on evil.example re-points its name at 127.0.0.1; the browser then sends Host: evil.example.
        await using var server = await TestServer.StartAsync(o =>
        {
            o.ApiKey = Key;
            if (allowed is not null)
            {
                o.AllowedHosts.Add(allowed);
            }
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "episodes/none");
        request.Headers.Host = $"{host}:{server.Server.BaseAddress.Port}";

        using var response = await server.Client.SendAsync(request);

        if (answered)
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }
        else
        {
            var problem = await TestServer.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.That((string?)problem["detail"], Does.Contain($"'{host}:").And.Contain("AllowedHosts"));
            Assert.That(server.World.Sandbox.Sessions, Is.Empty);
        }
    }

    [Test]
    public async Task A_secret_echoed_by_the_site_and_the_policy_never_appears_in_a_response()
    {
        const string secret = "sk-trainer-secret-4d9e2b7a11";
        await using var server = await TestServer.StartAsync(o => o.ApiKey = Key, agent: o => o.SecretValues.Add(secret));

        var created = await server.CreateAsync($"A dashboard that uses the key {secret}");
        var id = (string)created["id"]!;
        var step = await server.StepAsync(id, World.Code("leak:" + secret));
        var status = await server.GetAsync(id);

        foreach (var body in new[] { created, step, status }.Select(b => b.ToJsonString()))
        {
            Assert.That(body, Does.Not.Contain(secret));
        }

        Assert.That(step.ToJsonString(), Does.Contain("the site printed [REDACTED]"));
    }

    private static Task<WebGenEnvironmentServer> StartAsync(ConcurrentQueue<string> logs, Action<EnvironmentServerOptions>? configure)
    {
        var world = new World();
        return WebGenEnvironmentServer.StartAsync(
            services =>
            {
                services.AddLogging(b => b.AddProvider(new QueueLoggerProvider(logs)));
                services.AddWebGenAgent(o => o.RunsDirectory = Path.Combine(Path.GetTempPath(), "webgen-server-tests", Guid.NewGuid().ToString("N")[..12]))
                    .UseSandbox(world.Sandbox)
                    .UsePageCapturer(world.Capturer)
                    .UseScreenshotJudge(world.Judge)
                    .UseGuiTester(world.GuiTester);
            },
            configure);
    }

    private sealed class QueueLoggerProvider(ConcurrentQueue<string> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(logs);

        public void Dispose()
        {
        }

        private sealed class QueueLogger(ConcurrentQueue<string> logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) => logs.Enqueue(formatter(state, exception));
        }
    }
}
