namespace WebGen.Training.Server;

/// <summary>The body of <c>POST /episodes/{id}/step</c>.</summary>
public sealed record class StepRequest
{
    /// <summary>The policy's answer (Bolt markup). Required; an empty or unusable answer is a malformed step (reward −1).</summary>
    public string? Output { get; init; }
}
