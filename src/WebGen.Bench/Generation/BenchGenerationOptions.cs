using System.ComponentModel.DataAnnotations;

namespace WebGen.Bench;

/// <summary>Options of <see cref="BenchSiteGenerator"/>.</summary>
public sealed class BenchGenerationOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "WebGen:Bench:Generation";

    /// <summary>Most tasks generated at once (each runs its own agent episode and sandbox session).</summary>
    [Range(1, 256)]
    public int MaxConcurrentTasks { get; set; } = 2;

    /// <summary>Overrides the agent's step budget per task; null keeps the agent's.</summary>
    [Range(1, 1000)]
    public int? MaxIterations { get; set; }

    /// <summary>Labels recorded in every run's manifest (for example the models used); never put secrets here.</summary>
    public IDictionary<string, string> Labels { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
