namespace WebGen.Training.Server;

/// <summary>The body of <c>POST /step</c>: OpenEnv's <c>StepRequest</c>.</summary>
internal sealed record class OpenEnvStepRequest
{
    /// <summary>The action. Required.</summary>
    public OpenEnvAction? Action { get; init; }
}
