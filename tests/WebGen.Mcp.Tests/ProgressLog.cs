using System.Collections.Concurrent;
using ModelContextProtocol;

namespace WebGen.Mcp.Tests;

/// <summary>Collects progress notifications as they arrive (synchronously, unlike <see cref="Progress{T}"/>), with an optional callback.</summary>
internal sealed class ProgressLog(Action<ProgressNotificationValue>? onReport = null) : IProgress<ProgressNotificationValue>
{
    private readonly ConcurrentQueue<ProgressNotificationValue> _values = new();

    public IReadOnlyList<ProgressNotificationValue> Values => [.. _values];

    public void Report(ProgressNotificationValue value)
    {
        _values.Enqueue(value);
        onReport?.Invoke(value);
    }
}
