using System.ComponentModel.DataAnnotations;

namespace WebGen.Samples.AspNetEmbedding;

/// <summary>Limits of the generation API (configuration section <c>Generations</c>), validated at start-up.</summary>
public sealed class GenerationOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Generations";

    /// <summary>Generations running at once; more get 429. Each one installs, starts and screenshots a site.</summary>
    [Range(1, 64)]
    public int MaxConcurrentGenerations { get; set; } = 2;

    /// <summary>Generations kept in memory (with their events and screenshots); the oldest finished ones are forgotten first.</summary>
    [Range(1, 10_000)]
    public int MaxRetainedGenerations { get; set; } = 20;

    /// <summary>The longest instruction accepted, in characters.</summary>
    [Range(1, 1_000_000)]
    public int MaxInstructionLength { get; set; } = 8000;

    /// <summary>The largest <c>maxIterations</c> a request may ask for.</summary>
    [Range(1, 1000)]
    public int MaxIterationsLimit { get; set; } = 50;
}
