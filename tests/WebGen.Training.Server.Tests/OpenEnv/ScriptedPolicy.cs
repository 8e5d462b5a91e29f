using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using WebGen.Testing;

namespace WebGen.Training.Server.Tests;

/// <summary>
/// The trainer's policy in OpenEnv tests: a scripted model behind the loopback OpenAI-compatible server, called through
/// Microsoft.Extensions.AI.OpenAI with the chat built from the observations, as a trainer would.
/// </summary>
internal sealed class ScriptedPolicy : IAsyncDisposable
{
    private readonly IChatClient _client;
    private readonly List<ChatMessage> _chat = [];

    private ScriptedPolicy(OpenAICompatibleServer model)
    {
        Model = model;
        _client = model.CreateChatClient();
    }

    public OpenAICompatibleServer Model { get; }

    public static async Task<ScriptedPolicy> StartAsync(params string[] answers)
    {
        var next = -1;
        var model = await OpenAICompatibleServer.StartAsync(_ => ScriptedReply.Text(answers[Math.Min(Interlocked.Increment(ref next), answers.Length - 1)]));
        return new ScriptedPolicy(model);
    }

    /// <summary>Appends an observation's messages to the chat.</summary>
    public void Observe(JsonNode? messages)
    {
        foreach (var message in messages!.AsArray())
        {
            _chat.Add(new ChatMessage(new ChatRole((string)message!["role"]!), (string?)message["content"]));
        }
    }

    /// <summary>Asks the model for the next answer and records it in the chat.</summary>
    public async Task<string> ActAsync()
    {
        var response = await _client.GetResponseAsync(_chat);
        _chat.Add(new ChatMessage(ChatRole.Assistant, response.Text));
        return response.Text;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await Model.DisposeAsync();
    }
}
