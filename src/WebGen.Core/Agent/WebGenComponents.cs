namespace WebGen;

/// <summary>The pluggable parts an episode runs with (everything but the code model).</summary>
public sealed class WebGenComponents
{
    /// <summary>Runs the generated site.</summary>
    public required ISandbox Sandbox { get; init; }

    /// <summary>Screenshots the site.</summary>
    public required IPageCapturer PageCapturer { get; init; }

    /// <summary>Describes and grades screenshots (the VLM judge).</summary>
    public required IScreenshotJudge ScreenshotJudge { get; init; }

    /// <summary>Tests the site through its GUI on <c>screenshot_validated</c>.</summary>
    public required IGuiTester GuiTester { get; init; }

    /// <summary>Scorers that run before the judge; a fatal score skips the judge.</summary>
    public IReadOnlyList<IScreenshotScorer> ScreenshotScorers { get; init; } = [];

    /// <summary>
    /// The prompt-injection pre-check, run after <see cref="ScreenshotScorers"/> when
    /// <see cref="WebGenAgentOptions.PromptInjectionCheck"/> is on (by default in Enhanced); a fatal score stops the
    /// judge and skips a GUI test of the same site in either profile. Default: <see cref="WebGen.PromptInjectionScorer"/>.
    /// </summary>
    public IScreenshotScorer PromptInjectionScorer { get; init; } = new PromptInjectionScorer();

    /// <summary>
    /// Removes secrets from everything the episode stores or sends back to the model, in addition to
    /// <see cref="WebGenAgentOptions.SecretValues"/>; none when null. Dependency injection passes the registered
    /// <see cref="ISecretRedactor"/>.
    /// </summary>
    public ISecretRedactor? SecretRedactor { get; init; }

    /// <summary>Chooses the best step for backtracking and select-best (default: the reference ranking).</summary>
    public IStepSelector StepSelector { get; init; } = new ReferenceStepSelector();

    /// <summary>
    /// The stages every step runs, outermost first (default: <see cref="DefaultStepStages.Create"/>). Append your own
    /// to check the site further (unit tests, a linter) and feed the result to the model and the rewards.
    /// </summary>
    public IReadOnlyList<IStepStage> StepStages { get; init; } = DefaultStepStages.Create();

    /// <summary>
    /// Where episodes checkpoint (default: each run's own directory, <see cref="FileRunStoreFactory"/>). A store every
    /// worker reaches lets any of them resume a run.
    /// </summary>
    public IRunStoreFactory RunStores { get; init; } = FileRunStoreFactory.Instance;
}
