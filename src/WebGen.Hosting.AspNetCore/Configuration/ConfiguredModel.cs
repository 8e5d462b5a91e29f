using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenAI;

namespace WebGen.Hosting.Configuration;

/// <summary>One model role read from <c>Models:{Role}</c>: any OpenAI-compatible endpoint. The key is never printed.</summary>
internal sealed record ConfiguredModel(string Role, Uri Endpoint, string Model, string? ApiKey)
{
    /// <summary>Reads <c>Models:{role}</c>; null when it names no endpoint.</summary>
    /// <exception cref="InvalidOperationException">The endpoint is not an http(s) URL, or the model name is missing.</exception>
    public static ConfiguredModel? Read(IConfiguration webGen, string sectionPath, string role)
    {
        var section = webGen.GetSection("Models:" + role);
        var endpoint = section["Endpoint"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return null;
        }

        var key = $"{sectionPath}:Models:{role}";
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"{key}:Endpoint ('{endpoint}') is not an http(s) URL; use for example http://127.0.0.1:8000/v1.");
        }

        var model = section["Model"];
        if (string.IsNullOrWhiteSpace(model))
        {
            throw new InvalidOperationException($"{key}:Model is required when {key}:Endpoint is set.");
        }

        return new ConfiguredModel(role, uri, model, section["ApiKey"]);
    }

    /// <summary>An OpenAI chat client for the endpoint with WebGen's resilience (the client's own retries off) and logging.</summary>
    public IChatClient CreateClient(IServiceProvider services, IConfiguration resilience)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = Endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromMinutes(10),
        };
        var key = string.IsNullOrEmpty(ApiKey) ? "not-needed" : ApiKey;
        var builder = new OpenAIClient(new ApiKeyCredential(key), options)
            .GetChatClient(Model)
            .AsIChatClient()
            .AsBuilder()
            .UseWebGenResilience(o =>
            {
                resilience.Bind(o);
                o.FailureReader = OpenAIChatFailures.Read;
            });
        if (services.GetService<ILoggerFactory>() is { } loggerFactory)
        {
            builder.UseLogging(loggerFactory);
        }

        return builder.Build(services);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Role}: {Model} at {Endpoint}";
}
