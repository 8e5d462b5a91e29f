using Microsoft.Extensions.AI;

namespace WebGen.Training.Server;

/// <summary>One episode as the server drives it, wherever it lives; one step at a time (the server's gate sees to that).</summary>
internal interface IServedEpisode : IAsyncDisposable
{
    string Id { get; }

    int MaxSteps { get; }

    /// <summary>The chat so far.</summary>
    IReadOnlyList<ChatMessage> Messages { get; }

    /// <summary>Every recorded step.</summary>
    IReadOnlyList<StepRecord> Steps { get; }

    Task<StepRecord> StepAsync(string output, CancellationToken cancellationToken);

    /// <summary>Checkpoints select-best and the result of a done episode.</summary>
    Task CompleteAsync(WebGenStopReason reason, CancellationToken cancellationToken);
}
