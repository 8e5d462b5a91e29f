namespace WebGen.Hosting;

/// <summary>The body of <c>POST {prefix}</c> (see <see cref="WebGenEndpointRouteBuilderExtensions.MapWebGen"/>).</summary>
public sealed record class CreateRunRequest
{
    /// <summary>The website to build, in plain language.</summary>
    public string? Instruction { get; init; }

    /// <summary>Most code-model steps for this run; the agent's default when absent.</summary>
    public int? MaxIterations { get; init; }

    /// <summary>A run id of your choosing (letters, digits, '-' and '_', at most 64); generated when absent.</summary>
    public string? RunId { get; init; }
}
