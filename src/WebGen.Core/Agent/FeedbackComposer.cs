using System.Globalization;
using System.Text;

namespace WebGen;

/// <summary>Writes the feedback message the code model receives after each step.</summary>
internal static class FeedbackComposer
{
    private const int MaxListedItems = 8;

    /// <summary>The feedback of a step the stages completed; empty for a finish step (the run ends).</summary>
    public static string Compose(StepContext context)
    {
        if (context.Options.Profile == WebGenProfile.Reference)
        {
            return ReferenceFeedbackComposer.Compose(context);
        }

        var logCharacters = context.Options.FeedbackLogCharacters;
        var checks = context.Checks.ToList();
        return context.Kind switch
        {
            StepKind.Code => ForCode(context.Instruction, context.Parse.Diagnostics, context.Files, [.. context.ShellCommands], context.Sandbox, context.Capture, [.. context.Scores], context.Judgement, checks, LoopRules.Errors(context), IgnoredSignals(context.Parse), logCharacters),
            StepKind.Validate => ForValidate(context.Instruction, context.GuiTestInstruction, context.Sandbox, context.GuiTest, checks, LoopRules.Errors(context), logCharacters),
            StepKind.BadFormat => ForBadFormat(context.Instruction, LoopRules.BadFormatDiagnostics(context.Parse)),
            _ => "",
        };
    }

    /// <summary>Signals a code step did not act on: the changed site is checked first.</summary>
    private static List<string> IgnoredSignals(BoltParseResult parse)
    {
        var ignored = new List<string>();
        if (parse.Actions.Any(a => a is ScreenshotValidatedAction))
        {
            ignored.Add("screenshot_validated");
        }

        if (parse.Actions.Any(a => a is FinishAction))
        {
            ignored.Add("finish");
        }

        return ignored;
    }

    private static string ForCode(
        string instruction,
        IReadOnlyList<BoltDiagnostic> diagnostics,
        WorkspaceWriteReport? files,
        IReadOnlyList<ShellCommandResult> shell,
        SandboxRunResult? sandbox,
        PageCapture? capture,
        IReadOnlyList<ScreenshotScore> scores,
        ScreenshotJudgement? judgement,
        IReadOnlyList<StepCheck> checks,
        IReadOnlyList<string> errors,
        IReadOnlyList<string> ignoredSignals,
        int logCharacters)
    {
        var sb = new StringBuilder();
        sb.AppendLine("Here is what happened with your last answer.");
        sb.AppendLine();

        if (files is not null)
        {
            sb.AppendLine("## Files");
            sb.AppendLine(files.Written.Count == 0 ? "No file was written." : "Written: " + string.Join(", ", files.Written) + ".");
            if (files.AddedDefaultViteConfig)
            {
                sb.AppendLine("vite.config.js was missing, so a default one was added.");
            }

            foreach (var rejected in files.Rejected)
            {
                sb.Append("REFUSED ").Append(rejected.Path).Append(": ").AppendLine(rejected.Reason);
            }

            sb.AppendLine();
        }

        if (diagnostics.Count > 0)
        {
            // How the answer was read: recovered drift and cut-off actions, so the next answer is written right.
            sb.AppendLine("## Format");
            foreach (var diagnostic in diagnostics.Take(MaxListedItems))
            {
                sb.Append("- ").AppendLine(diagnostic.Message);
            }

            sb.AppendLine();
        }

        if (shell.Count > 0)
        {
            sb.AppendLine("## Commands");
            foreach (var command in shell)
            {
                sb.Append("- `").Append(command.Command).Append("`: ");
                if (!command.Allowed)
                {
                    sb.Append("refused — ").AppendLine(command.RefusalReason);
                }
                else if (command.TimedOut)
                {
                    sb.AppendLine("timed out and was stopped.");
                }
                else
                {
                    sb.Append("exit code ").AppendLine(command.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none");
                    if (!command.Succeeded)
                    {
                        AppendLog(sb, command.Output, logCharacters);
                    }
                }
            }

            sb.AppendLine();
        }

        if (sandbox is not null)
        {
            AppendStage(sb, "Installation", sandbox.Install, sandbox.Failure == SandboxFailureKind.InstallFailed || sandbox.Failure == SandboxFailureKind.InvalidProject ? sandbox.FailureExcerpt : null, logCharacters);
            AppendStage(sb, "Start", sandbox.Start, sandbox.Failure is SandboxFailureKind.StartFailed or SandboxFailureKind.NotReadyInTime or SandboxFailureKind.Crashed ? sandbox.FailureExcerpt : null, logCharacters);
        }

        if (capture is not null)
        {
            sb.AppendLine("## Screenshot");
            if (!capture.Succeeded)
            {
                sb.Append("The page could not be captured: ").AppendLine(capture.Failure);
            }

            AppendList(sb, "Browser console errors", capture.ConsoleErrors);
            AppendList(sb, "Uncaught page errors", capture.PageErrors);
            AppendList(sb, "Failed requests", capture.FailedRequests);
            AppendList(sb, "Blocked requests to other origins (the site must not depend on external services)", capture.BlockedRequests);
            if (!string.IsNullOrWhiteSpace(capture.ErrorOverlayText))
            {
                sb.AppendLine("The dev server shows an error overlay:");
                AppendLog(sb, capture.ErrorOverlayText, logCharacters);
            }

            var problems = scores.Where(s => s.IsFatal || s.Value < 1).ToList();
            if (problems.Count > 0)
            {
                sb.AppendLine("Automatic checks:");
                foreach (var score in problems)
                {
                    sb.Append("- ").Append(score.Name).Append(score.IsFatal ? " (blocking)" : "").Append(": ").AppendLine(score.Reason);
                }
            }

            if (judgement is not null)
            {
                if (judgement.Failure is not null)
                {
                    sb.Append("The screenshot could not be judged: ").AppendLine(judgement.Failure);
                }
                else
                {
                    if (judgement.IsError)
                    {
                        sb.Append("Visible error: ").AppendLine(string.IsNullOrWhiteSpace(judgement.ErrorMessage) ? "the page shows an error." : judgement.ErrorMessage);
                    }

                    if (!string.IsNullOrWhiteSpace(judgement.Description))
                    {
                        sb.Append("What the screenshot shows: ").AppendLine(judgement.Description);
                    }

                    sb.Append("Appearance grade: ").Append(judgement.Grade.ToString(CultureInfo.InvariantCulture)).Append("/5");
                    sb.AppendLine(string.IsNullOrWhiteSpace(judgement.GradeReason) ? "." : " — " + judgement.GradeReason);
                    if (!string.IsNullOrWhiteSpace(judgement.Suggestions))
                    {
                        sb.Append("Suggestions: ").AppendLine(judgement.Suggestions);
                    }
                }
            }

            sb.AppendLine();
        }

        AppendChecks(sb, checks, logCharacters);
        foreach (var signal in ignoredSignals)
        {
            sb.Append("Note: ").Append(signal).AppendLine(" was ignored because this answer also changed the site; the new version was checked first.");
        }

        sb.AppendLine("## What to do next");
        if (errors.Count > 0)
        {
            sb.AppendLine("Fix these problems:");
            foreach (var error in errors)
            {
                sb.Append("- ").AppendLine(error);
            }
        }
        else
        {
            sb.AppendLine("Decide whether more changes are needed to fulfil the request. If they are, write the changed files in full. If the website looks right, answer with only <boltAction type=\"screenshot_validated\"></boltAction> so that it is tested through its GUI.");
        }

        AppendClosing(sb, instruction);
        return sb.ToString();
    }

    private static string ForValidate(string instruction, string testInstruction, SandboxRunResult? sandbox, GuiTestResult? gui, IReadOnlyList<StepCheck> checks, IReadOnlyList<string> errors, int logCharacters)
    {
        var sb = new StringBuilder();
        sb.AppendLine("Here is the result of the GUI test.");
        sb.AppendLine();
        if (sandbox is { IsRunning: false })
        {
            AppendStage(sb, "Installation", sandbox.Install, sandbox.FailureExcerpt, logCharacters);
            AppendStage(sb, "Start", sandbox.Start, sandbox.FailureExcerpt, logCharacters);
        }

        if (gui is not null)
        {
            sb.AppendLine("## GUI test");
            sb.Append("Test instruction: ").AppendLine(testInstruction);
            if (gui.Failure is not null)
            {
                sb.Append("The test could not be completed: ").AppendLine(gui.Failure);
            }
            else
            {
                sb.Append("Result: ").Append(gui.Passed ? "passed" : "not passed")
                  .Append(", functional grade ").Append(gui.Grade.ToString(CultureInfo.InvariantCulture)).Append("/5")
                  .Append(", the tester answered ").AppendLine(gui.Verdict.ToString().ToUpperInvariant() + ".");
            }

            var actions = gui.Trajectory.Take(15).Select(s => s.Action + (s.TargetDescription is null ? "" : " " + s.TargetDescription) + (s.Error is null ? "" : " (failed: " + s.Error + ")")).ToList();
            AppendList(sb, "Actions taken", actions);
            if (!string.IsNullOrWhiteSpace(gui.Suggestions))
            {
                sb.Append("Suggestions: ").AppendLine(gui.Suggestions);
            }

            sb.AppendLine();
        }

        AppendChecks(sb, checks, logCharacters);
        sb.AppendLine("## What to do next");
        if (errors.Count > 0)
        {
            sb.AppendLine("Fix these problems:");
            foreach (var error in errors)
            {
                sb.Append("- ").AppendLine(error);
            }
        }
        else if (gui is { Passed: true })
        {
            sb.AppendLine("Decide whether more changes are needed. If they are, write the changed files in full. If not, answer with only <boltAction type=\"finish\"></boltAction>.");
        }
        else
        {
            sb.AppendLine("Fix what the GUI test found so that every requested function works, writing changed files in full. Then answer with <boltAction type=\"screenshot_validated\"></boltAction> again after the next screenshot looks right.");
        }

        AppendClosing(sb, instruction);
        return sb.ToString();
    }

    private static string ForBadFormat(string instruction, IReadOnlyList<BoltDiagnostic> diagnostics)
    {
        var sb = new StringBuilder();
        sb.AppendLine("Your last answer could not be used:");
        foreach (var d in diagnostics.Where(d => d.Severity == BoltDiagnosticSeverity.Error).Take(MaxListedItems))
        {
            sb.Append("- ").AppendLine(d.Message);
        }

        sb.AppendLine();
        sb.AppendLine("Answer with a <boltArtifact> holding <boltAction type=\"file\" filePath=\"…\"> elements with complete file contents, or with only <boltAction type=\"screenshot_validated\"></boltAction> or <boltAction type=\"finish\"></boltAction>.");
        AppendClosing(sb, instruction);
        return sb.ToString();
    }

    public static string ForException(string instruction, string message)
    {
        var sb = new StringBuilder();
        sb.Append("An internal error interrupted checking your last answer: ").AppendLine(message);
        AppendClosing(sb, instruction);
        return sb.ToString();
    }

    private static void AppendChecks(StringBuilder sb, IReadOnlyList<StepCheck> checks, int logCharacters)
    {
        if (checks.Count == 0)
        {
            return;
        }

        sb.AppendLine("## Checks");
        foreach (var check in checks)
        {
            sb.Append("- ").Append(check.Name).Append(check.Passed ? ": passed" : ": FAILED");
            sb.AppendLine(string.IsNullOrWhiteSpace(check.Summary) ? "." : " — " + check.Summary);
            if (!check.Passed)
            {
                AppendLog(sb, check.Details, logCharacters);
            }
        }

        sb.AppendLine();
    }

    private static void AppendStage(StringBuilder sb, string title, SandboxStageResult stage, string? excerpt, int logCharacters)
    {
        sb.Append("## ").AppendLine(title);
        var duration = stage.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        switch (stage.Status)
        {
            case SandboxStageStatus.Succeeded:
                sb.Append("Succeeded in ").Append(duration).AppendLine(" s.");
                break;
            case SandboxStageStatus.Skipped:
                sb.AppendLine("Not needed: " + (stage.Detail ?? "nothing changed") + ".");
                break;
            case SandboxStageStatus.NotRun:
                sb.AppendLine("Did not run because an earlier stage failed.");
                break;
            default:
                sb.Append(stage.Status == SandboxStageStatus.TimedOut ? "TIMED OUT" : "FAILED");
                if (stage.Command is not null)
                {
                    sb.Append(" (`").Append(stage.Command).Append('`');
                    if (stage.ExitCode is { } code)
                    {
                        sb.Append(", exit code ").Append(code.ToString(CultureInfo.InvariantCulture));
                    }

                    sb.Append(')');
                }

                sb.AppendLine(stage.Detail is null ? "." : ": " + stage.Detail);
                AppendLog(sb, string.IsNullOrWhiteSpace(excerpt) ? stage.Output : excerpt, logCharacters);
                break;
        }

        sb.AppendLine();
    }

    private static void AppendList(StringBuilder sb, string title, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        sb.Append(title).AppendLine(":");
        foreach (var item in items.Take(MaxListedItems))
        {
            sb.Append("- ").AppendLine(Clip(item, 400));
        }

        if (items.Count > MaxListedItems)
        {
            sb.Append("- … and ").Append((items.Count - MaxListedItems).ToString(CultureInfo.InvariantCulture)).AppendLine(" more");
        }
    }

    private static void AppendLog(StringBuilder sb, string? log, int logCharacters)
    {
        if (string.IsNullOrWhiteSpace(log))
        {
            return;
        }

        sb.AppendLine("```");
        sb.AppendLine(ClipMiddle(log.Trim(), logCharacters));
        sb.AppendLine("```");
    }

    private static void AppendClosing(StringBuilder sb, string instruction)
    {
        sb.AppendLine();
        sb.AppendLine("## The original request");
        sb.AppendLine(instruction);
        sb.AppendLine();
        sb.Append(CodeModelPrompts.FullFileReminder);
    }

    internal static string Clip(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    /// <summary>Keeps the head and tail of a long log: the cause is usually at one end.</summary>
    internal static string ClipMiddle(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var half = max / 2;
        return text[..half] + "\n… (" + (text.Length - max).ToString(CultureInfo.InvariantCulture) + " characters omitted) …\n" + text[^half..];
    }
}
