namespace WebGen.Orleans;

/// <summary>
/// One episode, keyed by its run id. It runs on one silo at a time with that silo's sandbox and browser; when the silo
/// dies, the next <see cref="StartAsync"/> activates it elsewhere and it continues from its last checkpoint.
/// </summary>
internal interface IWebGenEpisodeGrain : IGrainWithStringKey
{
    /// <summary>Starts the run (a <see cref="WebGenRequest"/> as JSON), or resumes it from the store when it exists; null only resumes.</summary>
    Task<EpisodeStart> StartAsync(string? requestJson);

    /// <summary>Waits up to <paramref name="wait"/> for events after the first <paramref name="after"/> of this activation.</summary>
    Task<EpisodeEvents> PollAsync(int after, TimeSpan wait);

    /// <summary>Cancels the run; its completed steps stay checkpointed.</summary>
    Task CancelAsync();
}
