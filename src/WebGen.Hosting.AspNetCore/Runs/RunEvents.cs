using System.Globalization;

namespace WebGen.Hosting;

/// <summary>Turns the agent's events into the small <see cref="WebGenRunEvent"/>s a hosted run logs.</summary>
internal static class RunEvents
{
    private const int MaxMessageLength = 400;

    public static WebGenRunEvent? From(WebGenEvent e) => e switch
    {
        RunStartedEvent started => Event(e, "run-started", started.IsResume ? "the run resumed from its checkpoints" : "the run started"),
        StepStartedEvent step => Event(e, "step-started", step.Parent is { } parent ? $"asking the code model (continuing from step {parent})" : "asking the code model"),
        ModelRespondedEvent answer => Event(e, "model-responded", answer.ActionTypes.Count == 0
            ? "the model answered without an action"
            : "the model answered: " + string.Join(", ", answer.ActionTypes.CountBy(a => a).Select(g => g.Value == 1 ? g.Key : string.Create(CultureInfo.InvariantCulture, $"{g.Key} ×{g.Value}")))),
        FilesWrittenEvent files => Event(e, "files-written", string.Create(CultureInfo.InvariantCulture, $"wrote {files.Report.Written.Count} files") + (files.Report.Rejected.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $", refused {files.Report.Rejected.Count}") : "")),
        ShellCommandEvent shell => Event(e, "shell-command", shell.Result.Allowed
            ? string.Create(CultureInfo.InvariantCulture, $"$ {shell.Result.Command} → exit {shell.Result.ExitCode}")
            : $"refused `{shell.Result.Command}`: {shell.Result.RefusalReason}"),
        SandboxEvent sandbox => Event(e, "sandbox", sandbox.Result.IsRunning ? "the site is running" : $"the site is not running: {sandbox.Result.Failure}"),
        ScreenshotEvent shot => Event(e, "screenshot", shot.Judgement?.GradeReason ?? (shot.Capture.Succeeded ? "a pre-check failed, so the judge was skipped" : "no screenshot: " + shot.Capture.Failure)) with
        {
            HasScreenshot = shot.Capture.Succeeded,
            ScreenshotGrade = shot.Judgement?.Grade,
            Scores = shot.Scores.DistinctBy(s => s.Name).ToDictionary(s => s.Name, s => Math.Round(s.Value, 3)),
        },
        GuiTestEvent gui => Event(e, "gui-test", $"GUI test: {gui.Result.Verdict}" + (gui.Result.Failure is { } failure ? $" ({failure})" : "")) with { GuiGrade = gui.Result.Grade },
        StepCompletedEvent completed => Event(e, "step-completed", completed.Record.Node.Errors.Count == 0 ? "no errors" : string.Join("; ", completed.Record.Node.Errors)) with
        {
            Kind = completed.Record.Node.Kind.ToString(),
            ScreenshotGrade = completed.Record.Node.ScreenshotGrade,
            GuiGrade = completed.Record.Node.GuiGrade,
            HasError = completed.Record.Node.HasError,
        },
        BacktrackedEvent back => Event(e, "backtracked", (back.ToStep is { } to ? string.Create(CultureInfo.InvariantCulture, $"back to step {to}: ") : "starting over: ") + back.Reason),
        RunCompletedEvent done => Event(e, "run-completed", done.Result.Chosen is null ? "no step produced a site" : done.Result.SelectionReason) with
        {
            ChosenStep = done.Result.Chosen?.Step,
            ScreenshotGrade = done.Result.Chosen?.ScreenshotGrade,
            GuiGrade = done.Result.Chosen?.GuiGrade,
        },
        _ => null,
    };

    public static WebGenRunEvent Create(string type, string message, int step, DateTimeOffset timestamp, bool? resumable = null) =>
        new() { Type = type, Step = step, Timestamp = timestamp, Message = Clip(message), Resumable = resumable };

    private static WebGenRunEvent Event(WebGenEvent e, string type, string message) =>
        new() { Type = type, Step = e.Step, Timestamp = e.Timestamp, Message = Clip(message) };

    private static string Clip(string text) => text.Length <= MaxMessageLength ? text : string.Concat(text.AsSpan(0, MaxMessageLength - 1), "…");
}
