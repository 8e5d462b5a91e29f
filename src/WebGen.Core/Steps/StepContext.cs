using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace WebGen;

/// <summary>
/// One step as its <see cref="IStepStage"/>s see it: the model's answer and its kind, the episode's parts, and
/// what the stages recorded so far. The loop turns what is recorded into the step's record, node and feedback.
/// Stages of one step run one after another; the context is not shared between steps.
/// </summary>
public sealed class StepContext
{
    private readonly Func<WebGenEvent, ValueTask> _emit;

    internal StepContext(StepContextInputs inputs, Func<WebGenEvent, ValueTask> emit)
    {
        RunId = inputs.RunId;
        Step = inputs.Step;
        Kind = inputs.Kind;
        Instruction = inputs.Instruction;
        GuiTestInstruction = inputs.GuiTestInstruction;
        WorkspacePath = inputs.WorkspacePath;
        ModelOutput = inputs.ModelOutput;
        Parse = inputs.Parse;
        Parent = inputs.Parent;
        Options = inputs.Options;
        Components = inputs.Components;
        Session = inputs.Session;
        TimeProvider = inputs.TimeProvider;
        Logger = inputs.Logger;
        Metrics = inputs.Metrics;
        _emit = emit;
    }

    /// <summary>The run id.</summary>
    public string RunId { get; }

    /// <summary>The step number (1-based).</summary>
    public int Step { get; }

    /// <summary>What the answer asks for, decided by the loop before the stages run.</summary>
    public StepKind Kind { get; }

    /// <summary>The website request.</summary>
    public string Instruction { get; }

    /// <summary>The GUI-test instruction of the episode.</summary>
    public string GuiTestInstruction { get; }

    /// <summary>The live workspace (the site's files).</summary>
    public string WorkspacePath { get; }

    /// <summary>The code model's answer.</summary>
    public string ModelOutput { get; }

    /// <summary>The answer's actions and what the parser noticed.</summary>
    public BoltParseResult Parse { get; }

    /// <summary>The node this step continues from; null from scratch.</summary>
    public StepNode? Parent { get; }

    /// <summary>The loop options.</summary>
    public WebGenAgentOptions Options { get; }

    /// <summary>The episode's parts (sandbox, capturer, judge, scorers, GUI tester).</summary>
    public WebGenComponents Components { get; }

    /// <summary>The episode's sandbox session: the running site, and shell commands inside the workspace.</summary>
    public ISandboxSession Session { get; }

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The episode's logger.</summary>
    public ILogger Logger { get; }

    /// <summary>The agent's instruments.</summary>
    internal WebGenMetrics Metrics { get; }

    /// <summary>What the file actions wrote and refused.</summary>
    public WorkspaceWriteReport? Files { get; set; }

    /// <summary>The shell actions' outcomes, in order.</summary>
    public IList<ShellCommandResult> ShellCommands { get; } = [];

    /// <summary>The install and start outcome.</summary>
    public SandboxRunResult? Sandbox { get; set; }

    /// <summary>The screenshot and browser observations.</summary>
    public PageCapture? Capture { get; set; }

    /// <summary>The screenshot scorers' results.</summary>
    public IList<ScreenshotScore> Scores { get; } = [];

    /// <summary>The judge's description and grade.</summary>
    public ScreenshotJudgement? Judgement { get; set; }

    /// <summary>The appearance grade the step earned (0–5), for code steps.</summary>
    public int ScreenshotGrade { get; set; }

    /// <summary>The GUI test.</summary>
    public GuiTestResult? GuiTest { get; set; }

    /// <summary>The functional grade the GUI test gave (0–5), for validate steps.</summary>
    public int GuiGrade { get; set; }

    /// <summary>Checks run by added stages (unit tests, linters); a failed one makes the step erroneous.</summary>
    public IList<StepCheck> Checks { get; } = [];

    /// <summary>Problems the stages found, phrased for the model ("installation failed: …").</summary>
    public IList<string> Errors { get; } = [];

    /// <summary>Tokens spent by the models the stages called (judge, GUI agent), added to the run's usage.</summary>
    public IList<UsageDetails> Usage { get; } = [];

    /// <summary>The message the code model receives next; composed by <see cref="FeedbackStage"/>.</summary>
    public string Feedback { get; set; } = "";

    /// <summary>Streams an event of this step (its run, step and time are filled in).</summary>
    /// <param name="e">The event.</param>
    public ValueTask EmitAsync(WebGenEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return _emit(e with { RunId = RunId, Step = Step, Timestamp = TimeProvider.GetUtcNow() });
    }

    /// <summary>Records a check, emits a <see cref="CheckCompletedEvent"/> for it, and returns it.</summary>
    /// <param name="check">The outcome.</param>
    public async ValueTask<StepCheck> AddCheckAsync(StepCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        Checks.Add(check);
        await EmitAsync(new CheckCompletedEvent { RunId = RunId, Check = check }).ConfigureAwait(false);
        return check;
    }
}
