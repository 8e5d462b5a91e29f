using System.Globalization;

namespace WebGen;

/// <summary>
/// The loop's rules in one place: what an answer asks for, when a step is erroneous and what it is graded, how
/// errors count along a branch, and when the run backtracks or gives up restarting. Stages only record facts;
/// these rules decide what the facts mean for the loop.
/// </summary>
internal static class LoopRules
{
    /// <summary>The reference's code-model temperature.</summary>
    public const float ReferenceTemperature = 0.5f;

    /// <summary>The code model's temperature: the reference's in Reference, the option's (or the model's own) in Enhanced.</summary>
    public static float? CodeModelTemperature(WebGenAgentOptions options) => options.Profile == WebGenProfile.Reference ? ReferenceTemperature : options.Temperature;

    /// <summary>Whether the prompt-injection pre-check runs: the option when set, else on in Enhanced only.</summary>
    public static bool ChecksPromptInjection(WebGenAgentOptions options) => options.PromptInjectionCheck ?? options.Profile == WebGenProfile.Enhanced;

    /// <summary>
    /// What an answer asks for. Enhanced: any file, shell or start action makes a code step (the changed site is checked
    /// before any signal), else finish, then validate, else the answer is bad format. Reference: finish wins, then
    /// screenshot_validated (and the answer's files are not written), and anything else is a code step.
    /// </summary>
    public static StepKind Classify(BoltParseResult parse, WebGenProfile profile)
    {
        var actions = parse.Actions;
        if (profile == WebGenProfile.Reference)
        {
            return actions.Any(a => a is FinishAction) ? StepKind.Finish
                : actions.Any(a => a is ScreenshotValidatedAction) ? StepKind.Validate
                : StepKind.Code;
        }

        if (actions.Any(a => a is FileAction or ShellAction or StartAction))
        {
            return StepKind.Code;
        }

        if (actions.Any(a => a is FinishAction))
        {
            return StepKind.Finish;
        }

        return actions.Any(a => a is ScreenshotValidatedAction) ? StepKind.Validate : StepKind.BadFormat;
    }

    /// <summary>Why a bad-format answer could not be used, for its feedback and its node.</summary>
    public static IReadOnlyList<BoltDiagnostic> BadFormatDiagnostics(BoltParseResult parse)
    {
        var diagnostics = parse.Diagnostics.ToList();
        if (parse.Actions.Count > 0)
        {
            diagnostics.Add(new BoltDiagnostic { Severity = BoltDiagnosticSeverity.Error, Message = "The answer has no file, shell, start, screenshot_validated or finish action (gui_agent_test is written by the feedback model, not by you)." });
        }

        return diagnostics;
    }

    /// <summary>The step's grades: a code step is graded on its screenshot; validate and finish keep their parent's appearance grade.</summary>
    public static (int Screenshot, int Gui) Grades(StepContext context) => context.Kind switch
    {
        StepKind.Code => (context.ScreenshotGrade, 0),
        StepKind.Validate => (context.Parent?.ScreenshotGrade ?? 0, context.GuiGrade),
        StepKind.Finish => (context.Parent?.ScreenshotGrade ?? 0, context.Parent?.GuiGrade ?? 0),
        _ => (0, 0),
    };

    /// <summary>
    /// The problems that make the step erroneous: what the stages found, failed checks, and an appearance grade of
    /// 2 or lower. A finish step inherits its parent's in Enhanced (a finish after a broken step is no better than it)
    /// and has only the grade rule in Reference; a bad-format step has the parser's.
    /// </summary>
    public static IReadOnlyList<string> Errors(StepContext context)
    {
        switch (context.Kind)
        {
            case StepKind.Finish when context.Options.Profile == WebGenProfile.Reference:
                return GradeErrors(Grades(context).Screenshot);
            case StepKind.Finish:
                return context.Parent?.Errors ?? ["finished before any website was built"];
            case StepKind.BadFormat:
                var messages = BadFormatDiagnostics(context.Parse).Where(d => d.Severity == BoltDiagnosticSeverity.Error).Select(d => d.Message).DefaultIfEmpty("no usable action");
                return ["the answer could not be used: " + string.Join(" ", messages)];
        }

        return [.. StageErrors(context), .. GradeErrors(Grades(context).Screenshot)];
    }

    /// <summary>What the stages found wrong, failed checks included (without the grade rule).</summary>
    public static IReadOnlyList<string> StageErrors(StepContext context) =>
        [.. context.Errors, .. context.Checks.Where(c => !c.Passed).Select(c => $"{c.Name} failed" + (string.IsNullOrWhiteSpace(c.Summary) ? "" : ": " + c.Summary))];

    private static IReadOnlyList<string> GradeErrors(int grade) =>
        grade <= 2 ? [string.Create(CultureInfo.InvariantCulture, $"screenshot grade {grade} is 2 or lower")] : [];

    /// <summary>The node of a step the stages completed.</summary>
    public static StepNode Node(StepContext context)
    {
        var (screenshot, gui) = Grades(context);
        var errors = Errors(context);
        return new StepNode
        {
            Step = context.Step,
            Parent = context.Parent?.Step,
            Kind = context.Kind,
            ScreenshotGrade = screenshot,
            GuiGrade = gui,
            HasError = context.Kind == StepKind.Finish && context.Options.Profile == WebGenProfile.Enhanced ? context.Parent?.HasError ?? true : errors.Count > 0,
            Errors = errors,
            Scores = context.Kind == StepKind.Code ? [.. context.Scores] : context.Parent?.Scores ?? [],
        };
    }

    /// <summary>
    /// The node of a step that failed unexpectedly: erroneous and ungraded. It is recorded, but never a step the run
    /// returns to or chooses (see <see cref="Selectable"/>): the reference stores no such step.
    /// </summary>
    public static StepNode FailedNode(StepContext context, Exception exception) => new()
    {
        Step = context.Step,
        Parent = context.Parent?.Step,
        Kind = StepKind.Code,
        HasError = true,
        Errors = ["the step failed unexpectedly: " + exception.Message],
    };

    /// <summary>The steps backtracking and select-best may choose from: all but those that failed unexpectedly.</summary>
    public static IReadOnlyList<StepNode> Selectable(IEnumerable<StepRecord> steps) => [.. steps.Where(s => s.Exception is null).Select(s => s.Node)];

    /// <summary>Consecutive erroneous steps from <paramref name="current"/> up its ancestors.</summary>
    public static int ErrorCount(int? current, IReadOnlyDictionary<int, StepNode> nodes)
    {
        var count = 0;
        for (var n = current; n is { } step && nodes[step].HasError; n = nodes[step].Parent)
        {
            count++;
        }

        return count;
    }

    /// <summary>True when the branch has had too many erroneous steps in a row and the run goes back to its best step.</summary>
    public static bool ShouldBacktrack(int errorCount, WebGenAgentOptions options) => errorCount >= options.ErrorLimit;

    /// <summary>True while an unexpected failure may still restart the run from its best step.</summary>
    public static bool CanRestart(int restarts, WebGenAgentOptions options) => restarts < options.MaxRestarts;
}
