using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace WebGen;

/// <summary>Options of the WebGen agent loop. Defaults are the reference constants.</summary>
public sealed class WebGenAgentOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "WebGen:Agent";

    /// <summary>
    /// <see cref="WebGenProfile.Enhanced"/> (default) or <see cref="WebGenProfile.Reference"/>, which reproduces the
    /// reference implementation: its system prompt and feedback, parsing, action precedence, error flags and code-model
    /// temperature (0.5, whatever <see cref="Temperature"/> says). With dependency injection the Playwright GUI agent
    /// and tester follow it too. <c>docs/reference-fidelity.md</c> lists every difference and its reason.
    /// </summary>
    [EnumDataType(typeof(WebGenProfile))]
    public WebGenProfile Profile { get; set; }

    /// <summary>
    /// Runs the prompt-injection pre-check (<see cref="WebGenComponents.PromptInjectionScorer"/>) on every screenshot: a
    /// page whose text addresses its graders is not judged, its step is erroneous with the offending text quoted, and
    /// its grades (and so its reward) are 0. Null (the default) follows the profile: on in
    /// <see cref="WebGenProfile.Enhanced"/>, off in <see cref="WebGenProfile.Reference"/>, which has no such check; set
    /// true to add it to a Reference run.
    /// </summary>
    public bool? PromptInjectionCheck { get; set; }

    /// <summary>Most code-model steps per run (reference: 20).</summary>
    [Range(1, 1000)]
    public int MaxIterations { get; set; } = 20;

    /// <summary>Consecutive erroneous steps along the current branch that trigger backtracking (reference: 5).</summary>
    [Range(1, 1000)]
    public int ErrorLimit { get; set; } = 5;

    /// <summary>Most restarts after unexpected step failures before the run stops (reference: 5).</summary>
    [Range(0, 100)]
    public int MaxRestarts { get; set; } = 5;

    /// <summary>Where run directories are created when a request names none. Default: <c>./runs</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string RunsDirectory { get; set; } = "runs";

    /// <summary>Screenshot viewport width (reference: 1024).</summary>
    [Range(200, 8000)]
    public int ViewportWidth { get; set; } = 1024;

    /// <summary>Screenshot viewport height (reference: 768).</summary>
    [Range(200, 8000)]
    public int ViewportHeight { get; set; } = 768;

    /// <summary>Largest answer the code model may write per step, in tokens; null leaves it to the model.</summary>
    [Range(1, 1_000_000)]
    public int? MaxOutputTokens { get; set; }

    /// <summary>Sampling temperature of the code model in the Enhanced profile; null leaves it to the model (Reference: 0.5).</summary>
    [Range(0.0, 2.0)]
    public float? Temperature { get; set; }

    /// <summary>Limits of the workspace jail.</summary>
    [Required]
    [ValidateObjectMembers]
    public WorkspaceOptions Workspace { get; set; } = new();

    /// <summary>
    /// Keeps the workspace's <c>node_modules</c> when a run ends. Off by default: a finished run keeps its files,
    /// checkpoints and report, but not the installed dependencies (often 50–100 MB per run, so a benchmark would leave
    /// gigabytes behind); resuming or serving the site again reinstalls them from the npm cache.
    /// </summary>
    public bool KeepNodeModules { get; set; }

    /// <summary>
    /// Values that must never be stored or shown to a model, such as API keys: every occurrence is replaced by
    /// <see cref="WebGen.SecretRedactor.Replacement"/> in step records, chat messages and feedback, checkpoints, events,
    /// reports and everything built from them (exported trajectories, environment-server responses). Values shorter
    /// than <see cref="WebGen.SecretRedactor.MinimumLength"/> characters are ignored. The <c>webgen</c> CLI adds its
    /// configured API keys itself.
    /// </summary>
    [Required]
    public IList<string> SecretValues { get; set; } = [];

    /// <summary>
    /// When a run continues an existing project, the most characters of file contents its first message shows (the file
    /// tree is always listed). Files are shown whole, those the instruction names first, then the manifest and entry
    /// points, then other sources. Default 60,000 (about 15,000 tokens).
    /// </summary>
    [Range(0, 10_000_000)]
    public int StartingContextCharacters { get; set; } = 60_000;

    /// <summary>Characters of install/start logs quoted to the model in feedback.</summary>
    [Range(200, 100_000)]
    public int FeedbackLogCharacters { get; set; } = 3000;
}
