namespace WebGen.Training.Server;

/// <summary>OpenEnv's <c>HealthResponse</c>: <c>healthy</c>, or <c>unhealthy</c> while the server stops.</summary>
internal sealed record class OpenEnvHealth
{
    public required string Status { get; init; }
}
