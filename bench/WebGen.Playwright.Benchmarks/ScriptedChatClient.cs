using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace WebGen.Playwright.Benchmarks;

/// <summary>
/// An in-process "model" that answers instantly with a fixed cycle of actions and records when each call
/// starts and ends, so the agent's own time per action (execute, settle, label, screenshot) can be measured.
/// </summary>
internal sealed partial class ScriptedChatClient(int actions) : IChatClient
{
    private readonly List<(long Start, long End)> _calls = [];

    /// <summary>Time from the end of each model call to the start of the next: one action round trip without the model.</summary>
    public IReadOnlyList<TimeSpan> RoundTrips =>
        [.. _calls.Zip(_calls.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a.End, b.Start))];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        var list = messages.ToList();
        var step = list.Count(m => m.Role == ChatRole.Assistant);
        var observation = list[^1].Text;
        var action = step >= actions ? "ANSWER; YES" : (step % 4) switch
        {
            0 => $"Click [{Label(observation, "Add to basket")}]",
            1 => "Scroll [WINDOW]; down",
            2 => $"Type [{Label(observation, "Your name")}]; Ada",
            _ => "Scroll [WINDOW]; up",
        };
        _calls.Add((start, Stopwatch.GetTimestamp()));
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Thought: benchmarking.\nAction: " + action)));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private static string Label(string observation, string text)
    {
        foreach (Match m in LabelLine().Matches(observation))
        {
            if (m.Groups[2].Value.Contains(text, StringComparison.Ordinal))
            {
                return m.Groups[1].Value;
            }
        }

        return "1";
    }

    [GeneratedRegex(@"^\[(\d+)\]: (.*)$", RegexOptions.Multiline)]
    private static partial Regex LabelLine();
}
