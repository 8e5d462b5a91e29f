using System.Diagnostics;
using System.Globalization;

namespace WebGen.Cli;

/// <summary>Prints a run's events as one line per milestone, with elapsed time and current scores.</summary>
internal sealed class RunRenderer(TextWriter output)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public void Render(WebGenEvent e)
    {
        switch (e)
        {
            case RunStartedEvent started:
                Line(started.IsResume ? $"resumed run {started.RunId} in {started.RunDirectory}" : $"run {started.RunId} in {started.RunDirectory}");
                Line("GUI test plan: " + Clip(started.GuiTestInstruction, 160));
                break;
            case StepStartedEvent step:
                Line($"step {step.Step}: asking the code model" + (step.Parent is { } p ? $" (continuing from step {p})" : ""));
                break;
            case FilesWrittenEvent files:
                Line($"step {files.Step}: wrote {files.Report.Written.Count} file(s)" + (files.Report.Rejected.Count > 0 ? $", refused {files.Report.Rejected.Count}: " + string.Join("; ", files.Report.Rejected.Select(r => r.Path + " (" + r.Reason + ")")) : ""));
                break;
            case ShellCommandEvent shell:
                Line($"step {shell.Step}: shell `{shell.Result.Command}` " + (shell.Result.Allowed ? $"exit {shell.Result.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"}" : "refused: " + shell.Result.RefusalReason));
                break;
            case SandboxEvent sandbox:
                Line($"step {sandbox.Step}: install {Stage(sandbox.Result.Install)}, start {Stage(sandbox.Result.Start)}" + (sandbox.Result.IsRunning ? $" at {sandbox.Result.Url}" : $" — {sandbox.Result.Failure}"));
                break;
            case ScreenshotEvent shot:
                var fatal = shot.Scores.Where(s => s.IsFatal).Select(s => s.Name).ToList();
                Line($"step {shot.Step}: screenshot {shot.Capture.Width}x{shot.Capture.Height} in {Seconds(shot.Capture.Duration)}" +
                    (fatal.Count > 0 ? ", pre-checks failed: " + string.Join(", ", fatal) : shot.Judgement is { Failure: null } j ? $", grade {j.Grade}/5" : shot.Judgement?.Failure is { } f ? ", judge failed: " + f : ""));
                break;
            case GuiTestEvent gui:
                Line($"step {gui.Step}: GUI test {(gui.Result.Passed ? "passed" : "not passed")}, grade {gui.Result.Grade}/5, {gui.Result.Trajectory.Count} action(s)" + (gui.Result.Failure is { } gf ? " — " + gf : ""));
                break;
            case StepCompletedEvent done:
                var node = done.Record.Node;
                Line($"step {node.Step} done: {node.Kind.ToString().ToLowerInvariant()}, screenshot {node.ScreenshotGrade}/5, GUI {node.GuiGrade}/5" +
                    (node.HasError ? $", {done.ErrorCount} consecutive error(s): " + Clip(string.Join("; ", node.Errors), 200) : ", no error"));
                break;
            case BacktrackedEvent back:
                Line("backtracked " + (back.ToStep is { } to ? $"to step {to}" : "to the bare instruction") + ": " + Clip(back.Reason, 200));
                break;
            case RunCompletedEvent completed:
                var r = completed.Result;
                Line($"run ended ({r.StopReason}) after {r.Steps.Count} step(s); chose " + (r.Chosen is null ? "nothing" : r.SelectionReason));
                break;
        }
    }

    public void Line(string text)
    {
        lock (output)
        {
            output.WriteLine($"[{_clock.Elapsed:mm\\:ss}] {text}");
        }
    }

    private static string Stage(SandboxStageResult stage) => stage.Status switch
    {
        SandboxStageStatus.Succeeded => "ok " + Seconds(stage.Duration),
        SandboxStageStatus.Skipped => "skipped",
        SandboxStageStatus.NotRun => "not run",
        _ => stage.Status.ToString().ToLowerInvariant(),
    };

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
