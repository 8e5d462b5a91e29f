using System.Text;

namespace WebGen;

/// <summary>
/// The Reference profile's feedback: the reference implementation's message, in its order and with its information.
/// One line per stage (dependency installation, service start, then the screenshot description or the GUI-test
/// suggestions), no grades, and an instruction that depends only on whether a stage failed: fix the named stages, or
/// decide and signal <c>screenshot_validated</c> (after a code step) or <c>finish</c> (after a GUI test). Then the
/// website request and the full-file reminder.
/// </summary>
internal static class ReferenceFeedbackComposer
{
    public static string Compose(StepContext context)
    {
        if (context.Kind is not (StepKind.Code or StepKind.Validate))
        {
            return "";
        }

        var parts = new List<string>();
        var closing = new List<string>();
        var failedStages = new List<string>();
        var logCharacters = context.Options.FeedbackLogCharacters;
        Sandbox(context.Sandbox, parts, closing, failedStages, logCharacters);
        if (context.Kind == StepKind.Validate)
        {
            GuiTest(context, parts, failedStages);
        }
        else
        {
            Screenshot(context, parts, failedStages);
        }

        foreach (var check in context.Checks.Where(c => !c.Passed))
        {
            parts.Add($"**{check.Name} failed:**\n\n{check.Summary}" + (string.IsNullOrWhiteSpace(check.Details) ? "" : "\n" + FeedbackComposer.ClipMiddle(check.Details.Trim(), logCharacters)));
            failedStages.Add(check.Name);
        }

        if (failedStages.Count > 0)
        {
            closing.Add("Change the code to fix the errors in " + string.Join(", ", failedStages) + ".");
        }
        else if (context.Kind == StepKind.Validate)
        {
            closing.Add("Look at the feedback above and decide, from the GUI-agent testing summary, whether the code needs further changes. If it needs none, output <boltAction type=\"finish\"/> to signal that the task is finished. Otherwise keep changing the code until the requirements are met. IMPORTANT: if you decide to make changes, do not output the finish signal.");
        }
        else
        {
            closing.Add("Look at the feedback above and decide, from what the screenshot shows, whether the code needs further changes. If it needs none, output <boltAction type=\"screenshot_validated\"/> to signal that the screenshot is satisfactory. Otherwise keep changing the code until the requirements are met. IMPORTANT: if you decide to make changes, do not output the finish signal.");
        }

        var sb = new StringBuilder();
        sb.Append(string.Join("\n\n", parts)).Append("\n\n").Append(string.Join("\n", closing)).Append("\n\n");
        sb.Append("**The instruction describing the website you are developing:**\n\n").Append(context.Instruction).Append("\n\n");
        sb.Append(CodeModelPrompts.ReferenceFullFileReminder);
        return sb.ToString();
    }

    private static void Sandbox(SandboxRunResult? sandbox, List<string> parts, List<string> closing, List<string> failedStages, int logCharacters)
    {
        if (sandbox is null)
        {
            return;
        }

        var install = sandbox.Failure is SandboxFailureKind.InstallFailed or SandboxFailureKind.InvalidProject && sandbox.Install.Status is not SandboxStageStatus.Succeeded and not SandboxStageStatus.Skipped;
        if (install)
        {
            var command = sandbox.Install.Command ?? "npm install";
            parts.Add($"**Installing the dependencies produced errors:**\n\n> {command}\n{Log(sandbox.FailureExcerpt ?? sandbox.Install.Output, logCharacters)}");
            closing.Add($"Running the command `{command}` failed.");
            failedStages.Add("dependency installation");
            return;
        }

        parts.Add("Installing the dependencies succeeded.");
        if (sandbox.Failure is SandboxFailureKind.StartFailed or SandboxFailureKind.NotReadyInTime or SandboxFailureKind.Crashed or SandboxFailureKind.InvalidProject)
        {
            parts.Add($"**Starting the service produced errors:**\n\n{Log(sandbox.FailureExcerpt ?? sandbox.Start.Output, logCharacters)}");
            closing.Add("The service produced errors while it was being started.");
            failedStages.Add("service starting");
        }
        else
        {
            parts.Add("Starting the service succeeded.");
        }
    }

    private static void Screenshot(StepContext context, List<string> parts, List<string> failedStages)
    {
        if (context.Sandbox is not { IsRunning: true })
        {
            parts.Add("There was an error when taking the screenshot of the started website:\n\nthe website is not running, so no screenshot could be taken.");
            failedStages.Add("screenshot collection");
            return;
        }

        if (context.Capture is not { Succeeded: true } capture)
        {
            parts.Add("There was an error when taking the screenshot of the started website:\n\n" + (context.Capture?.Failure ?? "no screenshot was taken."));
            failedStages.Add("screenshot collection");
            return;
        }

        // Only when a Reference run opts into the prompt-injection check: its finding is the screenshot's error.
        if (context.Scores.FirstOrDefault(s => s.IsFatal && s.Name == PromptInjection.ScoreName) is { } injection)
        {
            parts.Add("**The screenshot contains errors:**\n\n" + injection.Reason);
            failedStages.Add("screenshot");
            return;
        }

        var judgement = context.Judgement;
        var described = false;
        if (judgement is { Failure: null })
        {
            if (judgement.IsError || !string.IsNullOrWhiteSpace(judgement.ErrorMessage))
            {
                parts.Add("**The screenshot contains errors:**\n\n" + (string.IsNullOrWhiteSpace(judgement.ErrorMessage) ? "the page shows an error." : judgement.ErrorMessage));
                failedStages.Add("screenshot");
                described = true;
            }

            if (!string.IsNullOrWhiteSpace(judgement.Description))
            {
                parts.Add("**The screenshot description:**\n\n" + judgement.Description);
                described = true;
            }

            if (!string.IsNullOrWhiteSpace(judgement.Suggestions))
            {
                parts.Add("**Suggestions for improvement:**\n\n" + judgement.Suggestions);
                described = true;
            }
        }

        if (!described)
        {
            parts.Add("The screenshot description or its error messages could not be obtained." + (capture.Succeeded && judgement?.Failure is { } failure ? " (" + failure + ")" : ""));
            failedStages.Add("screenshot description");
        }
    }

    private static void GuiTest(StepContext context, List<string> parts, List<string> failedStages)
    {
        var gui = context.GuiTest;
        if (context.Sandbox is not { IsRunning: true } || gui is null)
        {
            parts.Add("There was an error when navigating the website with the GUI agent:\n\nthe website is not running, so the GUI agent could not test it.");
            failedStages.Add("GUI agent navigation");
            return;
        }

        if (gui.Failure is not null)
        {
            parts.Add("There was an error when navigating the website with the GUI agent:\n\n" + gui.Failure);
            failedStages.Add("GUI agent navigation");
            return;
        }

        parts.Add(string.IsNullOrWhiteSpace(gui.Suggestions)
            ? "The GUI agent testing succeeded and no further improvement is needed."
            : "**The suggestions from the GUI-agent testing:**\n\n" + gui.Suggestions);
    }

    private static string Log(string? text, int logCharacters) => string.IsNullOrWhiteSpace(text) ? "" : FeedbackComposer.ClipMiddle(text.Trim(), logCharacters);
}
