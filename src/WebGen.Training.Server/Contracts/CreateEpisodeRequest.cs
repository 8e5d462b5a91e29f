namespace WebGen.Training.Server;

/// <summary>The body of <c>POST /episodes</c>.</summary>
public sealed record class CreateEpisodeRequest
{
    /// <summary>The website request the policy works on. Required (not blank) unless <see cref="TaskId"/> names a task.</summary>
    public string? Instruction { get; init; }

    /// <summary>
    /// A task of the bundled WebGen-Bench test set (<c>000002</c>, or <c>2</c>) whose instruction the episode works on,
    /// instead of <see cref="Instruction"/>; the run is labelled <c>webgen-bench.task</c> with it.
    /// </summary>
    public string? TaskId { get; init; }

    /// <summary>The step budget (1–1000); <see cref="EnvironmentServerOptions.DefaultMaxSteps"/> when null.</summary>
    public int? MaxSteps { get; init; }

    /// <summary>The episode id, also its run id (1–100 letters, digits, '-' or '_'); generated when null.</summary>
    public string? Id { get; init; }
}
