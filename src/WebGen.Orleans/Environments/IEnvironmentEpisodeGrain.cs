namespace WebGen.Orleans;

/// <summary>
/// One turn-by-turn episode (a <see cref="WebGenEpisode"/>: sandbox session and browser on its silo), keyed by its run id,
/// for an environment server that fronts the cluster: the trainer's policy writes each answer, the grain runs the step.
/// It holds a slot of its silo's <see cref="SlotLedger"/> from start (or resume) until it is disposed or deactivated.
/// Steps run in the background and are polled, so a step longer than Orleans' response timeout is fine.
/// </summary>
internal interface IEnvironmentEpisodeGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the episode (a <see cref="WebGenRequest"/> as JSON) in a slot of this silo. Start-up may plan the GUI test
    /// with a model and open a sandbox session, so it may outlast Orleans' default 30 s response timeout; a call to a
    /// silo that dies fails when the cluster declares it dead, not at this timeout.
    /// </summary>
    [ResponseTimeout("00:05:00")]
    Task<EnvironmentEpisodeView> StartAsync(string requestJson);

    /// <summary>Resumes the episode from the shared run store, at its last recorded step, in a slot of this silo.</summary>
    [ResponseTimeout("00:05:00")]
    Task<EnvironmentEpisodeView> ResumeAsync();

    /// <summary>
    /// Starts step <paramref name="stepsBefore"/> + 1 with the policy's <paramref name="output"/>; when that step is
    /// recorded already (the previous attempt finished before its silo went away), nothing runs and the poll returns it.
    /// </summary>
    Task<EnvironmentStepStatus> BeginStepAsync(string output, int stepsBefore);

    /// <summary>Waits up to <paramref name="wait"/> for step <paramref name="stepsBefore"/> + 1.</summary>
    Task<EnvironmentStepPoll> PollStepAsync(int stepsBefore, TimeSpan wait);

    /// <summary>Cancels the running step; it is not recorded.</summary>
    Task CancelStepAsync();

    /// <summary>Ends a done episode: select-best and the result are checkpointed.</summary>
    [ResponseTimeout("00:05:00")]
    Task CompleteAsync(WebGenStopReason reason);

    /// <summary>Disposes the episode's sandbox and browser session, frees its slot and deactivates.</summary>
    Task DisposeAsync();
}
