using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace WebGen.Testing;

/// <summary>An in-memory <see cref="IChatClient"/> answering with a callback; records every call.</summary>
public sealed class FakeChatClient : IChatClient
{
    private readonly Func<IReadOnlyList<ChatMessage>, ChatOptions?, CancellationToken, Task<ChatResponse>> _respond;
    private readonly ConcurrentQueue<IReadOnlyList<ChatMessage>> _calls = new();

    /// <summary>Creates a client that answers with <paramref name="respond"/>.</summary>
    /// <param name="respond">Maps the messages to a response.</param>
    public FakeChatClient(Func<IReadOnlyList<ChatMessage>, ChatOptions?, CancellationToken, Task<ChatResponse>> respond)
        => _respond = respond ?? throw new ArgumentNullException(nameof(respond));

    /// <summary>Creates a client that answers with the text <paramref name="respond"/> returns.</summary>
    /// <param name="respond">Maps the messages to the answer text.</param>
    public FakeChatClient(Func<IReadOnlyList<ChatMessage>, string> respond)
        : this((messages, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, respond(messages)))))
    {
    }

    /// <summary>The messages of every call, in order.</summary>
    public IReadOnlyList<IReadOnlyList<ChatMessage>> Calls => [.. _calls];

    /// <summary>A client that returns <paramref name="answers"/> in order and throws when they run out.</summary>
    /// <param name="answers">The answers.</param>
    public static FakeChatClient Scripted(params string[] answers)
    {
        var queue = new ConcurrentQueue<string>(answers);
        return new FakeChatClient(_ => queue.TryDequeue(out var next) ? next : throw new InvalidOperationException("The scripted chat client has no answers left."));
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ChatMessage> list = [.. messages];
        _calls.Enqueue(list);
        cancellationToken.ThrowIfCancellationRequested();
        return await _respond(list, options, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
