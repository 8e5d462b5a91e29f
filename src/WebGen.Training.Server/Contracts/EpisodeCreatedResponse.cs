namespace WebGen.Training.Server;

/// <summary>The answer to <c>POST /episodes</c> (201 Created).</summary>
public sealed record class EpisodeCreatedResponse
{
    /// <summary>The episode id (also the run id: its run directory holds checkpoints and screenshots).</summary>
    public required string Id { get; init; }

    /// <summary>The first observation: the chat so far (system prompt, then the instruction as the user message).</summary>
    public required IReadOnlyList<ObservationMessage> Observation { get; init; }

    /// <summary>The episode's step budget.</summary>
    public required int MaxSteps { get; init; }
}
