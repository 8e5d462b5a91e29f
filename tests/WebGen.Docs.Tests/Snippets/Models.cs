using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;

namespace WebGen.Docs.Tests;

/// <summary>The chat-client helper the other snippets use.</summary>
public static class Models
{
    // begin-snippet: openai-compatible
    /// <summary>A chat client for any OpenAI-compatible endpoint: hosted APIs, vLLM, Ollama's /v1, LM Studio.</summary>
    public static IChatClient OpenAICompatible(Uri endpoint, string model, string? apiKey = null) =>
        new OpenAIClient(
                new ApiKeyCredential(apiKey ?? "not-needed"),
                new OpenAIClientOptions { Endpoint = endpoint, RetryPolicy = new ClientRetryPolicy(maxRetries: 0) })
            .GetChatClient(model)
            .AsIChatClient()
            .AsBuilder()
            .UseWebGenResilience(o =>
            {
                o.MaxRetryAttempts = 5;                   // retry with jitter and Retry-After, timeouts, circuit breaker
                o.FailureReader = OpenAIChatFailures.Read; // WebGen.OpenAI: status and Retry-After of the client's failures
            })
            .Build();
    // end-snippet
}
