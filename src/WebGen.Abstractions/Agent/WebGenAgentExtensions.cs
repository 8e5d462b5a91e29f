namespace WebGen;

/// <summary>Convenience methods over <see cref="IWebGenAgent"/>.</summary>
public static class WebGenAgentExtensions
{
    /// <summary>Runs a request to the end and returns the result.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="request">The website request.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static Task<WebGenResult> RunAsync(this IWebGenAgent agent, WebGenRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return LastResultAsync(agent.RunStreamingAsync(request, cancellationToken), cancellationToken);
    }

    /// <summary>Runs an instruction to the end and returns the result.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="instruction">The website request.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static Task<WebGenResult> RunAsync(this IWebGenAgent agent, string instruction, CancellationToken cancellationToken = default)
        => agent.RunAsync(new WebGenRequest { Instruction = instruction }, cancellationToken);

    /// <summary>Resumes a run to the end and returns the result.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="runDirectory">The run directory of an earlier run.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static Task<WebGenResult> ResumeAsync(this IWebGenAgent agent, string runDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return LastResultAsync(agent.ResumeStreamingAsync(runDirectory, cancellationToken), cancellationToken);
    }

    private static async Task<WebGenResult> LastResultAsync(IAsyncEnumerable<WebGenEvent> events, CancellationToken cancellationToken)
    {
        WebGenResult? result = null;
        await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (e is RunCompletedEvent completed)
            {
                result = completed.Result;
            }
        }

        return result ?? throw new InvalidOperationException("The agent's event stream ended without a RunCompletedEvent.");
    }
}
