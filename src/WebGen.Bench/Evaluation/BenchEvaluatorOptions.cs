using System.ComponentModel.DataAnnotations;

namespace WebGen.Bench;

/// <summary>Options of <see cref="BenchEvaluator"/>.</summary>
public sealed class BenchEvaluatorOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "WebGen:Bench:Evaluator";

    /// <summary>Most sites evaluated (and running in the sandbox) at once.</summary>
    [Range(1, 256)]
    public int MaxConcurrentSites { get; set; } = 2;

    /// <summary>How verdicts are read from the agents' answers (default: exact).</summary>
    public BenchVerdictMode VerdictMode { get; set; } = BenchVerdictMode.Exact;

    /// <summary>The interaction limit stated to the GUI agent per case (benchmark: 15).</summary>
    [Range(1, 1000)]
    public int MaxInteractions { get; set; } = BenchPrompts.DefaultMaxInteractions;

    /// <summary>Longest a single case may take; a case that runs longer scores NO with a recorded failure.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CaseTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Removes secrets (API keys and the like) from every result, report and progress message before it is stored or
    /// reported: a generated site or a GUI agent's answer can echo one. None when null; the <c>webgen</c> CLI passes its
    /// configured keys. Not bound from configuration.
    /// </summary>
    public ISecretRedactor? SecretRedactor { get; set; }

    /// <summary>Embed the first appearance screenshot of each site in <c>report.html</c>.</summary>
    public bool EmbedScreenshotsInReport { get; set; } = true;
}
