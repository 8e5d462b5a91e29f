using System.Globalization;

namespace WebGen;

/// <summary>
/// The loop's rules in one place: what an answer asks for, when a step is erroneous and what it is graded, how
/// errors count along a branch, and when the run backtracks or gives up restarting. Stages only record facts;
/// these rules decide what the facts mean for the loop.
/// </summary>
internal static class LoopRules
{
    /// <summary>What an answer asks for: any file, shell or start action makes a code step; else finish, then validate.</summary>
    public static StepKind Classify(BoltParseResult parse)
    {
        var actions = parse.Actions;
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
    /// 2 or lower. A finish step inherits its parent's; a bad-format step has the parser's.
    /// </summary>
    public static IReadOnlyList<string> Errors(StepContext context)
    {
        switch (context.Kind)
        {
            case StepKind.Finish:
                return context.Parent?.Errors ?? ["finished before any website was built"];
            case StepKind.BadFormat:
                var messages = BadFormatDiagnostics(context.Parse).Where(d => d.Severity == BoltDiagnosticSeverity.Error).Select(d => d.Message).DefaultIfEmpty("no usable action");
                return ["the answer could not be used: " + string.Join(" ", messages)];
        }

        var errors = new List<string>(context.Errors);
        errors.AddRange(context.Checks.Where(c => !c.Passed).Select(c => $"{c.Name} failed" + (string.IsNullOrWhiteSpace(c.Summary) ? "" : ": " + c.Summary)));
        var grade = Grades(context).Screenshot;
        if (grade <= 2)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"screenshot grade {grade} is 2 or lower"));
        }

        return errors;
    }

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
            HasError = context.Kind == StepKind.Finish ? context.Parent?.HasError ?? true : errors.Count > 0,
            Errors = errors,
            Scores = context.Kind == StepKind.Code ? [.. context.Scores] : context.Parent?.Scores ?? [],
        };
    }

    /// <summary>The node of a step that failed unexpectedly: erroneous, ungraded.</summary>
    public static StepNode FailedNode(StepContext context, Exception exception) => new()
    {
        Step = context.Step,
        Parent = context.Parent?.Step,
        Kind = StepKind.Code,
        HasError = true,
        Errors = ["the step failed unexpectedly: " + exception.Message],
    };

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
