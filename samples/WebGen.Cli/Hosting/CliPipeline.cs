using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenAI;
using WebGen.Bench;
using WebGen.Playwright;

namespace WebGen.Cli;

/// <summary>
/// Composes the agent for the CLI: the local sandbox, the Playwright browser, the deterministic pre-checks
/// and either the configured models (any OpenAI-compatible endpoint) or, with no code-model endpoint, the
/// offline demo pipeline (demo code model, offline judge, smoke GUI tester).
/// </summary>
internal sealed class CliPipeline : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private CliPipeline(ServiceProvider services, CliSettings settings)
    {
        _services = services;
        Settings = settings;
    }

    public CliSettings Settings { get; }

    public bool IsOffline => Settings.IsOffline;

    public IWebGenAgent Agent => _services.GetRequiredService<IWebGenAgent>();

    public ISandbox Sandbox => _services.GetRequiredService<ISandbox>();

    /// <summary>Redacts the configured API keys (and any WebGen:Agent:SecretValues).</summary>
    public ISecretRedactor SecretRedactor => _services.GetRequiredService<ISecretRedactor>();

    public IServiceProvider Services => _services;

    /// <summary>The profile the agent, and the benchmark's case agent and appearance grader, follow.</summary>
    public WebGenProfile Profile => _services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebGenAgentOptions>>().Value.Profile;

    public static CliPipeline Create(CliSettings settings, Action<WebGenAgentOptions>? configureAgent, TextWriter logWriter, Action<WebGen.Sandbox.LocalSandboxOptions>? sandboxDefaults = null)
    {
        var services = new ServiceCollection();
        Register(services, settings, configureAgent, logWriter, sandboxDefaults);
        return new CliPipeline(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true }), settings);
    }

    /// <summary>
    /// Registers the agent as the CLI composes it, with logs to <paramref name="logWriter"/> (used by <c>webgen mcp</c>'s
    /// host too); <paramref name="sandboxDefaults"/> sets sandbox defaults that the configuration may still override.
    /// </summary>
    public static WebGenAgentBuilder Register(IServiceCollection services, CliSettings settings, Action<WebGenAgentOptions>? configureAgent, TextWriter logWriter, Action<WebGen.Sandbox.LocalSandboxOptions>? sandboxDefaults = null)
    {
        var configuration = settings.Configuration;
        services.AddLogging(logging =>
        {
            logging.AddConfiguration(configuration.GetSection("Logging"));
            logging.SetMinimumLevel(LogLevel.Warning);
            logging.AddProvider(new TextWriterLoggerProvider(logWriter));
        });
        services.AddSingleton(TimeProvider.System);

        var agent = services.AddWebGenAgent(o =>
            {
                configuration.GetSection(WebGenAgentOptions.SectionName).Bind(o);
                configureAgent?.Invoke(o);

                // The configured keys never reach a checkpoint, a report or a model, whatever a site prints.
                foreach (var key in settings.ApiKeys)
                {
                    o.SecretValues.Add(key);
                }
            })
            .UseLocalSandbox(o =>
            {
                sandboxDefaults?.Invoke(o);
                configuration.GetSection("WebGen:Sandbox").Bind(o);
            })
            .UsePlaywrightBrowser(o => configuration.GetSection("WebGen:Browser").Bind(o))
            .UseScreenshotPreChecks();

        if (settings.IsOffline)
        {
            agent.UseOfflineDemo();
        }
        else
        {
            var code = Require(settings.Code, "Code");
            var vision = settings.Vision.IsConfigured ? Require(settings.Vision, "Vision") : code;
            var feedback = settings.Feedback.IsConfigured ? Require(settings.Feedback, "Feedback") : code;
            agent.UseCodeModel(sp => CreateClient(code, sp, configuration))
                .UseVisionModel(sp => CreateClient(vision, sp, configuration))
                .UseFeedbackModel(sp => CreateClient(feedback, sp, configuration))
                .UseChatScreenshotJudge();
            services.UseWebVoyagerGuiTester();
        }

        return agent;
    }

    /// <summary>The case agent and appearance grader for WebGen-Bench evaluation.</summary>
    public (IBenchCaseAgent CaseAgent, IAppearanceGrader? Grader) CreateBenchParts()
    {
        if (IsOffline)
        {
            // The smoke tester clicks through the page whatever the case asks: its cases are smoke-checked, never judged.
            return (new GuiTesterCaseAgent(_services.GetRequiredService<SmokeGuiTester>(), BenchCaseJudgement.Smoke), null);
        }

        var vision = WebGenServiceCollectionExtensions.ResolveModel(_services, WebGenModelKeys.Vision)!;
        return (new WebVoyagerCaseAgent(_services.GetRequiredService<WebVoyagerAgent>(), Profile), new ChatAppearanceGrader(_services.GetRequiredService<IPageCapturer>(), vision, new AppearanceGraderOptions { Profile = Profile }));
    }

    /// <summary>Fails fast with a clear message when a configured endpoint cannot be reached at all.</summary>
    public async Task CheckEndpointsAsync(CancellationToken cancellationToken)
    {
        if (IsOffline)
        {
            return;
        }

        // Several roles often share one server: probe each endpoint once, naming the first role that uses it.
        var endpoints = new[] { ("code", Settings.Code), ("vision", Settings.Vision), ("feedback", Settings.Feedback) }
            .Where(r => r.Item2.IsConfigured)
            .DistinctBy(r => r.Item2.Endpoint);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var (role, model) in endpoints)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(model.Endpoint!.ToString().TrimEnd('/') + "/models"), cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw new CliException($"The {role} model endpoint {model.Endpoint} cannot be reached ({ex.Message}). Check WebGen:Models:{Capitalise(role)}:Endpoint (or WEBGEN_{role.ToUpperInvariant()}_ENDPOINT), or unset it to run offline.");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CliException($"The {role} model endpoint {model.Endpoint} did not answer within 10 s.");
            }
        }
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync().ConfigureAwait(false);

    private static ModelSettings Require(ModelSettings model, string role)
    {
        if (string.IsNullOrWhiteSpace(model.Model))
        {
            throw new CliException($"WebGen:Models:{role}:Model (or WEBGEN_{role.ToUpperInvariant()}_MODEL) is required when its endpoint is set.");
        }

        return model;
    }

    private static IChatClient CreateClient(ModelSettings model, IServiceProvider services, IConfiguration configuration)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = model.Endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0), // WebGen's resilience decorator does the retrying
            NetworkTimeout = TimeSpan.FromMinutes(10),
        };
        var key = string.IsNullOrEmpty(model.ApiKey) ? "not-needed" : model.ApiKey;
        var loggerFactory = services.GetRequiredService<ILoggerFactory>();
        return new OpenAIClient(new ApiKeyCredential(key), options)
            .GetChatClient(model.Model!)
            .AsIChatClient()
            .AsBuilder()
            .UseWebGenResilience(o =>
            {
                configuration.GetSection("WebGen:Resilience").Bind(o);
                o.FailureReader = OpenAIChatFailures.Read; // status and Retry-After of the OpenAI client's failures
            })
            .UseLogging(loggerFactory)
            .Build(services);
    }

    private static string Capitalise(string role) => char.ToUpperInvariant(role[0]) + role[1..];
}
