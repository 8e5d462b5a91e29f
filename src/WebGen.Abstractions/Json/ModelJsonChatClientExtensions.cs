using System.Text.Json;
using Microsoft.Extensions.AI;

namespace WebGen;

/// <summary>Asks a chat model for one JSON object, validates it, and repairs an invalid answer once.</summary>
public static class ModelJsonChatClientExtensions
{
    /// <summary>
    /// Sends <paramref name="messages"/>, reads the answer with <see cref="ModelJson.TryRead{T}"/>, and when
    /// the answer is unusable asks once more, quoting the problem. Model and transport failures become
    /// <see cref="ModelJsonResult{T}.Failure"/>; only cancellation is thrown.
    /// </summary>
    /// <typeparam name="T">The typed value.</typeparam>
    /// <param name="client">The chat client.</param>
    /// <param name="messages">The prompt; it is not modified.</param>
    /// <param name="read">Maps the JSON object to a value; throws <see cref="FormatException"/> with a model-readable reason when invalid.</param>
    /// <param name="options">Chat options for both attempts.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public static async Task<ModelJsonResult<T>> GetJsonAsync<T>(
        this IChatClient client,
        IEnumerable<ChatMessage> messages,
        Func<JsonElement, T> read,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(read);

        List<ChatMessage> conversation = [.. messages];
        UsageDetails? usage = null;
        string? text = null;
        string? problem = null;
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            ChatResponse response;
            try
            {
                response = await client.GetResponseAsync(conversation, options, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                return new ModelJsonResult<T>
                {
                    Failure = $"The model call failed: {ex.GetType().Name}: {ex.Message}",
                    RawText = text,
                    Attempts = attempt,
                    Usage = usage,
                };
            }

            usage = Add(usage, response.Usage);
            text = response.Text;
            if (ModelJson.TryRead(text, read, out var value, out problem))
            {
                return new ModelJsonResult<T> { Value = value, RawText = text, Attempts = attempt, Usage = usage };
            }

            conversation.Add(new ChatMessage(ChatRole.Assistant, text));
            conversation.Add(new ChatMessage(
                ChatRole.User,
                $"That answer could not be used: {problem}. Reply again with exactly one JSON object with the requested fields and nothing else."));
        }

        return new ModelJsonResult<T>
        {
            Failure = $"The model gave no valid JSON after one repair attempt: {problem}.",
            RawText = text,
            Attempts = 2,
            Usage = usage,
        };
    }

    private static UsageDetails? Add(UsageDetails? total, UsageDetails? more)
    {
        if (more is null)
        {
            return total;
        }

        if (total is null)
        {
            return new UsageDetails
            {
                InputTokenCount = more.InputTokenCount,
                OutputTokenCount = more.OutputTokenCount,
                TotalTokenCount = more.TotalTokenCount,
            };
        }

        total.Add(more);
        return total;
    }
}
