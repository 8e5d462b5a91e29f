namespace WebGen.Orleans;

/// <summary>
/// A WebGen agent backed by an Orleans cluster of worker silos: runs stream the same <see cref="WebGenEvent"/>s as a
/// local <see cref="WebGenAgent"/>, cancellation reaches the silo, and an episode whose silo dies continues on another
/// one from its last checkpoint. Everything written for <see cref="IWebGenAgent"/> (WebGen-Bench generation, Step-GRPO
/// rollout groups) fans out over the cluster by taking this instead of a local agent.
/// </summary>
public interface IWebGenCluster : IWebGenAgent
{
    /// <summary>The worker silos and their slots.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<IReadOnlyList<WorkerSlots>> GetWorkersAsync(CancellationToken cancellationToken = default);
}
