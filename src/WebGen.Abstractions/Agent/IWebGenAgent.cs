namespace WebGen;

/// <summary>
/// A website-generation agent. Runs stream typed events; <c>RunAsync</c> (<see cref="WebGenAgentExtensions"/>)
/// returns the final result.
/// </summary>
public interface IWebGenAgent
{
    /// <summary>Runs a new episode for <paramref name="request"/>, checkpointing every step.</summary>
    /// <param name="request">The website request.</param>
    /// <param name="cancellationToken">Stops the run; completed steps stay checkpointed.</param>
    IAsyncEnumerable<WebGenEvent> RunStreamingAsync(WebGenRequest request, CancellationToken cancellationToken = default);

    /// <summary>Continues a run from its last completed step; nothing already done is redone.</summary>
    /// <param name="runDirectory">The run directory of an earlier run.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    IAsyncEnumerable<WebGenEvent> ResumeStreamingAsync(string runDirectory, CancellationToken cancellationToken = default);
}
