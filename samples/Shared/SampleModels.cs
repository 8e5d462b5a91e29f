using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenAI;
using WebGen.Playwright;

namespace WebGen.Samples;

/// <summary>
/// The samples compose the agent the way the <c>webgen</c> CLI does and read the same configuration keys:
/// <c>WebGen:Models:{Code|Vision|Feedback}:{Endpoint|Model|ApiKey}</c> (or the short variables
/// <c>WEBGEN_CODE_ENDPOINT</c>, <c>WEBGEN_CODE_MODEL</c>, <c>WEBGEN_CODE_API_KEY</c>, …), <c>WebGen:Agent</c>,
/// <c>WebGen:Sandbox</c>, <c>WebGen:Browser</c> and <c>WebGen:Resilience</c>. With no code endpoint the offline demo runs.
/// </summary>
internal static class SampleModels
{
    private static readonly string[] Roles = ["Code", "Vision", "Feedback"];

    public const string OfflineNotice =
        "No model endpoint is configured: running OFFLINE with the built-in demo model (deterministic, not a real model), "
        + "the offline screenshot judge and the smoke GUI tester. Set WEBGEN_CODE_ENDPOINT, WEBGEN_CODE_MODEL and "
        + "WEBGEN_CODE_API_KEY (or WebGen:Models:Code:* in appsettings.json) to use real models.";

    /// <summary><c>appsettings.json</c> in the working directory, environment variables, the short variables, then <paramref name="overrides"/>.</summary>
    public static IConfiguration Load(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables()
            .AddWebGenShortEnvironmentVariables();
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        return builder.Build();
    }

    /// <summary>Maps <c>WEBGEN_CODE_ENDPOINT</c> and its siblings onto their <c>WebGen:Models:*</c> keys.</summary>
    public static IConfigurationBuilder AddWebGenShortEnvironmentVariables(this IConfigurationBuilder builder)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var role in Roles)
        {
            foreach (var (suffix, key) in new[] { ("ENDPOINT", "Endpoint"), ("MODEL", "Model"), ("API_KEY", "ApiKey") })
            {
                var value = Environment.GetEnvironmentVariable($"WEBGEN_{role.ToUpperInvariant()}_{suffix}");
                if (!string.IsNullOrWhiteSpace(value))
                {
                    values[$"WebGen:Models:{role}:{key}"] = value;
                }
            }
        }

        return builder.AddInMemoryCollection(values);
    }

    /// <summary>True when no code-model endpoint is configured.</summary>
    public static bool IsOffline(IConfiguration configuration) => string.IsNullOrWhiteSpace(configuration["WebGen:Models:Code:Endpoint"]);

    /// <summary>
    /// Plugs the local sandbox, the Playwright browser and the deterministic pre-checks, then the configured models
    /// (VLM judge, WebVoyager GUI tester) or, with no code endpoint, the offline demo. Returns a line saying which.
    /// </summary>
    /// <exception cref="InvalidOperationException">An endpoint is not an http(s) URL, or a model name is missing.</exception>
    public static string UseConfiguredParts(this WebGenAgentBuilder agent, IConfiguration configuration)
    {
        agent.Configure(o => configuration.GetSection("WebGen:Agent").Bind(o))
            .UseLocalSandbox(o => configuration.GetSection("WebGen:Sandbox").Bind(o))
            .UsePlaywrightBrowser(o => configuration.GetSection("WebGen:Browser").Bind(o))
            .UseScreenshotPreChecks();

        if (IsOffline(configuration))
        {
            agent.UseOfflineDemo();
            return OfflineNotice;
        }

        var code = Read(configuration, "Code")!;
        var vision = Read(configuration, "Vision") ?? code;
        var feedback = Read(configuration, "Feedback") ?? code;
        agent.UseCodeModel(sp => CreateClient(code, sp, configuration))
            .UseVisionModel(sp => CreateClient(vision, sp, configuration))
            .UseFeedbackModel(sp => CreateClient(feedback, sp, configuration))
            .UseChatScreenshotJudge();
        agent.Services.UseWebVoyagerGuiTester();
        return $"code model: {code.Model} at {code.Uri}; vision model: {vision.Model}; feedback model: {feedback.Model}";
    }

    private static Endpoint? Read(IConfiguration configuration, string role)
    {
        var section = configuration.GetSection($"WebGen:Models:{role}");
        var endpoint = section["Endpoint"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return null;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"WebGen:Models:{role}:Endpoint ('{endpoint}') is not an http(s) URL; use for example http://127.0.0.1:8000/v1.");
        }

        var model = section["Model"];
        if (string.IsNullOrWhiteSpace(model))
        {
            throw new InvalidOperationException($"WebGen:Models:{role}:Model (or WEBGEN_{role.ToUpperInvariant()}_MODEL) is required when its endpoint is set.");
        }

        return new Endpoint(uri, model, section["ApiKey"]);
    }

    private static IChatClient CreateClient(Endpoint endpoint, IServiceProvider services, IConfiguration configuration)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint.Uri,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0), // WebGen's resilience decorator does the retrying
            NetworkTimeout = TimeSpan.FromMinutes(10),
        };
        var key = string.IsNullOrEmpty(endpoint.ApiKey) ? "not-needed" : endpoint.ApiKey;
        return new OpenAIClient(new ApiKeyCredential(key), options)
            .GetChatClient(endpoint.Model)
            .AsIChatClient()
            .AsBuilder()
            .UseWebGenResilience(o =>
            {
                configuration.GetSection("WebGen:Resilience").Bind(o);
                o.FailureReader = OpenAIChatFailures.Read; // status and Retry-After of the OpenAI client's failures
            })
            .UseLogging(services.GetRequiredService<ILoggerFactory>())
            .Build(services);
    }

    /// <summary>Where one model role is served; the key is never printed.</summary>
    private sealed record Endpoint(Uri Uri, string Model, string? ApiKey);
}
