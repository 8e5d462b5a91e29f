namespace WebGen.Training.Server;

/// <summary>
/// Where the server's episodes live: in this process (<see cref="LocalEpisodeHost"/>, the registered
/// <see cref="WebGenEnvironment"/>) or on a cluster's worker silos (<see cref="ClusterEpisodeHost"/>). Every transport
/// (native endpoints, OpenEnv over HTTP and WebSocket) goes through <see cref="EpisodeOperations"/>, which uses this.
/// </summary>
internal interface IEpisodeHost
{
    /// <summary>What error messages built by the server pass through before they leave it.</summary>
    ISecretRedactor Redactor { get; }

    /// <summary>Throws at start-up when the host cannot serve episodes, saying what is missing.</summary>
    void EnsureReady();

    /// <summary>Starts an episode; null when the host has no room for it (every worker's slots are taken).</summary>
    /// <exception cref="ArgumentException">The request is invalid.</exception>
    /// <exception cref="InvalidOperationException">The run exists already, or the episode could not start.</exception>
    Task<IServedEpisode?> StartAsync(WebGenRequest request, CancellationToken cancellationToken);
}
