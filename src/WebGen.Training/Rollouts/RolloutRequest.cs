namespace WebGen.Training;

/// <summary>One prompt to sample a rollout group for.</summary>
public sealed record class RolloutRequest
{
    /// <summary>A stable id of the prompt (for example the WebGen-Bench task id); trajectories of one group share it.</summary>
    public required string PromptId { get; init; }

    /// <summary>The website request.</summary>
    public required string Instruction { get; init; }

    /// <summary>Overrides <see cref="RolloutOptions.GroupSize"/> for this prompt.</summary>
    public int? GroupSize { get; init; }

    /// <summary>Overrides <see cref="RolloutOptions.MaxSteps"/> for this prompt.</summary>
    public int? MaxSteps { get; init; }
}
