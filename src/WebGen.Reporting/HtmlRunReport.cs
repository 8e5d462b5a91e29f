using System.Globalization;
using System.Net;
using System.Text;

namespace WebGen;

/// <summary>
/// Renders a run directory as one self-contained <c>report.html</c>: the instruction, a scores chart (inline SVG),
/// the backtracking events, and a timeline of every step with its screenshot, grades, errors, feedback excerpt and
/// GUI-agent trajectory (screenshots embedded as data URIs), the chosen step highlighted. The page needs no
/// scripts and loads nothing from elsewhere; all run text is HTML-encoded.
/// </summary>
public static class HtmlRunReport
{
    /// <summary>The report's file name in a run directory.</summary>
    public const string FileName = "report.html";

    /// <summary>The manifest label that marks a run made with the offline demo model (<c>mode=offline</c>).</summary>
    public const string ModeLabel = "mode";

    private const int FeedbackExcerptCharacters = 1500;
    private const int ModelOutputCharacters = 6000;
    private const int LogExcerptCharacters = 1200;

    /// <summary>Renders the report of a run read with <see cref="RunCheckpoint.LoadAsync(string, CancellationToken)"/>.</summary>
    /// <param name="checkpoint">The run.</param>
    /// <returns>The HTML page.</returns>
    public static string Render(RunCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var manifest = checkpoint.Manifest;
        var chosen = checkpoint.Result?.Chosen?.Step;
        var html = new StringBuilder(128 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<link rel=\"icon\" href=\"data:,\">\n<title>WebGen run ")
            .Append(E(manifest.RunId)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<header>\n<h1>WebGen run <span class=\"mono\">").Append(E(manifest.RunId)).Append("</span></h1>\n");
        html.Append("<p class=\"meta\">").Append(E(Status(checkpoint))).Append(" · started ").Append(E(manifest.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)))
            .Append(CultureInfo.InvariantCulture, $" · {checkpoint.Steps.Count} of at most {manifest.MaxIterations} steps · {checkpoint.State.Backtracks.Count} backtracks · {checkpoint.State.Restarts} restarts · {Tokens(checkpoint.State.Usage)}</p>\n</header>\n");

        if (IsOffline(manifest))
        {
            OfflineNotice(html);
        }

        if (RanUncontained(checkpoint.Steps))
        {
            html.Append("<section class=\"notice\" id=\"isolation-notice\"><h2>Not isolated</h2>\n<p><strong>This run's sandbox had no operating-system isolation</strong> (<code>Isolation = None</code>): installs, the dev server and shell actions ran the model's code with the host user's rights, files and network. See docs/security.md.</p></section>\n");
        }

        html.Append("<section id=\"instruction\"><h2>Instruction</h2><pre class=\"instruction\">").Append(E(manifest.Instruction)).Append("</pre>\n");
        html.Append("<h3>GUI-test instruction").Append(manifest.GuiTestInstructionIsFallback ? " (generic fallback)" : "").Append("</h3><pre>").Append(E(manifest.GuiTestInstruction)).Append("</pre>\n");
        if (manifest.Labels.Count > 0)
        {
            html.Append("<p class=\"meta\">Labels: ").Append(string.Join(", ", manifest.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => "<span class=\"mono\">" + E(l.Key) + "=" + E(l.Value) + "</span>"))).Append("</p>\n");
        }

        html.Append("</section>\n");
        Outcome(html, checkpoint);
        Chart(html, checkpoint.Steps, checkpoint.State.Backtracks, chosen);
        Backtracks(html, checkpoint.State.Backtracks);

        html.Append("<section id=\"timeline\"><h2>Steps</h2>\n");
        if (checkpoint.Steps.Count == 0)
        {
            html.Append("<p>No step has completed yet.</p>\n");
        }

        foreach (var step in checkpoint.Steps)
        {
            Step(html, step, step.Node.Step == chosen);
            foreach (var backtrack in checkpoint.State.Backtracks.Where(b => b.AfterStep == step.Node.Step))
            {
                html.Append("<div class=\"backtrack\">↩ Backtracked ").Append(E(BacktrackTarget(backtrack))).Append(": ").Append(E(backtrack.Reason)).Append("</div>\n");
            }
        }

        html.Append("</section>\n<footer class=\"meta\">Written by WebGen.Reporting from <span class=\"mono\">").Append(E(checkpoint.RunDirectory)).Append("</span>.</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Writes <c>report.html</c> into the checkpoint's run directory (atomically: temp file + rename).</summary>
    /// <param name="checkpoint">The run.</param>
    /// <param name="cancellationToken">Cancels writing.</param>
    /// <returns>The report's path.</returns>
    public static async Task<string> WriteAsync(RunCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var path = Path.Combine(checkpoint.RunDirectory, FileName);
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            await File.WriteAllTextAsync(temp, Render(checkpoint), cancellationToken).ConfigureAwait(false);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }

        return path;
    }

    /// <summary>Reads a run directory and writes its <c>report.html</c>.</summary>
    /// <param name="runDirectory">The run directory.</param>
    /// <param name="cancellationToken">Cancels reading and writing.</param>
    /// <returns>The report's path.</returns>
    /// <exception cref="InvalidOperationException">The directory holds no run or a damaged one.</exception>
    public static async Task<string> WriteAsync(string runDirectory, CancellationToken cancellationToken = default)
    {
        var checkpoint = await RunCheckpoint.LoadAsync(runDirectory, cancellationToken).ConfigureAwait(false);
        return await WriteAsync(checkpoint, cancellationToken).ConfigureAwait(false);
    }

    private static bool RanUncontained(IEnumerable<StepRecord> steps) =>
        steps.Any(s => s.Sandbox?.Containment == SandboxContainment.None || s.ShellCommands.Any(c => c.Containment == SandboxContainment.None));

    private static bool IsOffline(RunManifest manifest)
        => manifest.Labels.TryGetValue(ModeLabel, out var mode) && string.Equals(mode, "offline", StringComparison.OrdinalIgnoreCase);

    private static void OfflineNotice(StringBuilder html)
    {
        html.Append("<section class=\"notice\" id=\"offline-notice\"><h2>Offline demo</h2>\n<p><strong>This run used the offline demo model</strong>: a built-in stand-in that deterministically writes a small demo site from the instruction. The sandbox, the browser, the screenshots and the scorers ran for real, but the code was not written by a language model.</p>\n")
            .Append("<p>To use real models, point each role at any OpenAI-compatible server (a hosted API, vLLM, Ollama) with these environment variables:</p>\n<table class=\"env\"><thead><tr><th>Role</th><th>Endpoint</th><th>Model</th><th>API key</th></tr></thead><tbody>\n");
        foreach (var (role, prefix) in new[] { ("Code model (writes the site)", "WEBGEN_CODE"), ("Vision model (grades screenshots, drives the GUI agent)", "WEBGEN_VISION"), ("Feedback model (plans and summarises GUI tests)", "WEBGEN_FEEDBACK") })
        {
            html.Append("<tr><td>").Append(E(role)).Append("</td><td><code>").Append(prefix).Append("_ENDPOINT</code></td><td><code>").Append(prefix).Append("_MODEL</code></td><td><code>").Append(prefix).Append("_API_KEY</code></td></tr>\n");
        }

        html.Append("</tbody></table>\n<p class=\"meta\">A missing vision or feedback model falls back to the code model. Keys are never written to run files.</p></section>\n");
    }

    private static void Outcome(StringBuilder html, RunCheckpoint checkpoint)
    {
        html.Append("<section id=\"outcome\"><h2>Outcome</h2>\n");
        if (checkpoint.Result is { } result)
        {
            html.Append("<p>").Append(E(StopText(result.StopReason))).Append(' ');
            if (result.Chosen is { } chosen)
            {
                html.Append(CultureInfo.InvariantCulture, $"Select-best chose <a href=\"#step-{chosen.Step}\">step {chosen.Step}</a> (screenshot grade {chosen.ScreenshotGrade}, GUI grade {chosen.GuiGrade}): ")
                    .Append(E(result.SelectionReason)).Append(CultureInfo.InvariantCulture, $". Its {result.Files.Count} files are the result.</p>\n");
            }
            else
            {
                html.Append("No step ran, so there is no site.</p>\n");
            }
        }
        else
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>The run has not finished: it stopped after step {checkpoint.State.LastStep}. Resume it to continue; no step is chosen yet.</p>\n");
        }

        html.Append("</section>\n");
    }

    private static void Chart(StringBuilder html, IReadOnlyList<StepRecord> steps, IReadOnlyList<BacktrackRecord> backtracks, int? chosen)
    {
        if (steps.Count == 0)
        {
            return;
        }

        const int left = 40;
        const int top = 24;
        const int plot = 150;
        const int group = 44;
        var width = Math.Max(480, left + (steps.Count * group) + 20);
        var height = top + plot + 62;
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"scores\"><h2>Scores</h2>\n<svg id=\"scores-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Screenshot and GUI grades per step\">\n<title>Screenshot grade and GUI grade (0–5) per step</title>\n");
        for (var g = 0; g <= 5; g++)
        {
            var y = top + plot - (plot * g / 5.0);
            html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{y:F1}\" x2=\"{width - 10}\" y2=\"{y:F1}\" class=\"grid\"/><text x=\"{left - 8}\" y=\"{y + 4:F1}\" class=\"tick\">{g}</text>\n");
        }

        for (var i = 0; i < steps.Count; i++)
        {
            var node = steps[i].Node;
            var x = left + (i * group);
            if (node.Step == chosen)
            {
                html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x + 2}\" y=\"{top - 18}\" width=\"{group - 4}\" height=\"{plot + 40}\" class=\"chosen-band\"/><text x=\"{x + (group / 2)}\" y=\"{top - 6}\" class=\"chosen-label\">chosen</text>\n");
            }

            Bar(html, x + 8, top, plot, node.ScreenshotGrade, "shot", $"Step {node.Step}: screenshot grade {node.ScreenshotGrade}");
            Bar(html, x + 22, top, plot, node.GuiGrade, "gui", $"Step {node.Step}: GUI grade {node.GuiGrade}");
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (group / 2)}\" y=\"{top + plot + 16}\" class=\"step-label\">{node.Step}{KindLetter(node.Kind)}</text>\n");
            if (node.HasError)
            {
                html.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x + (group / 2)}\" cy=\"{top + plot + 26}\" r=\"4\" class=\"error-dot\"><title>Step {node.Step} had errors</title></circle>\n");
            }

            foreach (var b in backtracks.Where(b => b.AfterStep == node.Step))
            {
                var bx = x + group - 1;
                html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{bx}\" y1=\"{top - 4}\" x2=\"{bx}\" y2=\"{top + plot}\" class=\"backtrack-line\"><title>{E("Backtracked " + BacktrackTarget(b))}</title></line>\n");
            }
        }

        var legendY = top + plot + 48;
        html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{legendY - 9}\" width=\"10\" height=\"10\" class=\"shot\"/><text x=\"{left + 14}\" y=\"{legendY}\" class=\"legend\">screenshot grade</text>")
            .Append(CultureInfo.InvariantCulture, $"<rect x=\"{left + 130}\" y=\"{legendY - 9}\" width=\"10\" height=\"10\" class=\"gui\"/><text x=\"{left + 144}\" y=\"{legendY}\" class=\"legend\">GUI grade</text>")
            .Append(CultureInfo.InvariantCulture, $"<circle cx=\"{left + 235}\" cy=\"{legendY - 4}\" r=\"4\" class=\"error-dot\"/><text x=\"{left + 244}\" y=\"{legendY}\" class=\"legend\">error</text>")
            .Append(CultureInfo.InvariantCulture, $"<line x1=\"{left + 300}\" y1=\"{legendY - 9}\" x2=\"{left + 300}\" y2=\"{legendY + 1}\" class=\"backtrack-line\"/><text x=\"{left + 306}\" y=\"{legendY}\" class=\"legend\">backtrack</text>\n");
        html.Append("</svg>\n<p class=\"meta\">C code step, V validate (GUI test), F finish, B bad format.</p></section>\n");
    }

    private static void Bar(StringBuilder html, int x, int top, int plot, int grade, string cls, string title)
    {
        var h = plot * Math.Clamp(grade, 0, 5) / 5.0;
        html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{top + plot - h:F1}\" width=\"12\" height=\"{Math.Max(h, 1):F1}\" class=\"bar {cls}\"><title>{E(title)}</title></rect>\n");
    }

    private static void Backtracks(StringBuilder html, IReadOnlyList<BacktrackRecord> backtracks)
    {
        html.Append("<section id=\"backtracks\"><h2>Backtracking</h2>\n");
        if (backtracks.Count == 0)
        {
            html.Append("<p>The run never backtracked.</p></section>\n");
            return;
        }

        html.Append("<ol>\n");
        foreach (var b in backtracks)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>After <a href=\"#step-{b.AfterStep}\">step {b.AfterStep}</a>: {E(BacktrackTarget(b))} — {E(b.Reason)}</li>\n");
        }

        html.Append("</ol></section>\n");
    }

    private static void Step(StringBuilder html, StepRecord record, bool isChosen)
    {
        var node = record.Node;
        var classes = "step" + (isChosen ? " chosen" : "") + (node.HasError ? " has-error" : "");
        html.Append(CultureInfo.InvariantCulture, $"<article class=\"{classes}\" id=\"step-{node.Step}\" data-step=\"{node.Step}\"").Append(isChosen ? " data-chosen=\"true\"" : "").Append(">\n<h3>")
            .Append(CultureInfo.InvariantCulture, $"Step {node.Step} · {E(KindText(node.Kind))}")
            .Append(node.Parent is { } parent ? string.Create(CultureInfo.InvariantCulture, $" · continues step {parent}") : " · from the instruction");
        if (isChosen)
        {
            html.Append(" <span class=\"badge chosen-badge\">chosen</span>");
        }

        html.Append(node.HasError ? " <span class=\"badge error\">error</span>" : " <span class=\"badge ok\">no error</span>")
            .Append(CultureInfo.InvariantCulture, $" <span class=\"badge grade\">screenshot {node.ScreenshotGrade}/5</span> <span class=\"badge grade\">GUI {node.GuiGrade}/5</span></h3>\n")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">{E(record.StartedAt.ToString("HH:mm:ss", CultureInfo.InvariantCulture))} · {record.Duration.TotalSeconds:F1} s · actions: {E(record.ActionTypes.Count == 0 ? "none" : string.Join(", ", record.ActionTypes))}{(record.Usage is { } u ? " · " + E(Tokens(u)) : "")}</p>\n");

        List(html, "Errors", node.Errors, "errors");
        if (record.Exception is { } exception)
        {
            html.Append("<p class=\"error\">The step failed unexpectedly: ").Append(E(exception)).Append("</p>\n");
        }

        List(html, "Parser notes", [.. record.ParseDiagnostics.Select(d => $"{d.Severity}: {d.Message}")], "notes");
        Files(html, record);
        Sandbox(html, record.Sandbox);
        Capture(html, record);
        Judgement(html, record.Judgement);
        GuiTest(html, record.GuiTest, node.Step);
        Checks(html, record);
        if (record.Feedback.Length > 0)
        {
            html.Append("<div class=\"feedback\"><h4>Feedback to the model (excerpt)</h4><pre>").Append(E(Excerpt(record.Feedback, FeedbackExcerptCharacters))).Append("</pre></div>\n");
        }

        html.Append("<details><summary>Model output</summary><pre>").Append(E(Excerpt(record.ModelOutput, ModelOutputCharacters))).Append("</pre></details>\n</article>\n");
    }

    private static void Files(StringBuilder html, StepRecord record)
    {
        if (record.Files is { } files && (files.Written.Count > 0 || files.Rejected.Count > 0))
        {
            html.Append("<p>Files written: ").Append(files.Written.Count == 0 ? "none" : string.Join(", ", files.Written.Select(f => "<span class=\"mono\">" + E(f) + "</span>"))).Append(files.AddedDefaultViteConfig ? " (a default vite.config.js was added)" : "").Append("</p>\n");
            List(html, "Rejected files", [.. files.Rejected.Select(r => $"{r.Path}: {r.Reason}")], "errors");
        }

        foreach (var shell in record.ShellCommands)
        {
            var status = !shell.Allowed ? "refused: " + shell.RefusalReason : shell.TimedOut ? "timed out" : "exit " + (shell.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "?");
            html.Append("<div class=\"shell\"><span class=\"mono\">$ ").Append(E(shell.Command)).Append("</span> — ").Append(E(status)).Append("</div>\n");
            if (shell.Output.Length > 0)
            {
                html.Append("<details><summary>Output</summary><pre>").Append(E(Excerpt(shell.Output, LogExcerptCharacters))).Append("</pre></details>\n");
            }
        }
    }

    private static void Sandbox(StringBuilder html, SandboxRunResult? sandbox)
    {
        if (sandbox is null)
        {
            return;
        }

        html.Append("<p>Install: ").Append(E(Stage(sandbox.Install))).Append(" · Start: ").Append(E(Stage(sandbox.Start)))
            .Append(sandbox.IsRunning ? " · running at <span class=\"mono\">" + E(sandbox.Url!.ToString()) + "</span>" : " · <span class=\"error\">not running (" + E(sandbox.Failure.ToString()) + ")</span>").Append("</p>\n");
        if (sandbox.FailureExcerpt is { Length: > 0 } excerpt)
        {
            html.Append("<pre class=\"log\">").Append(E(Excerpt(excerpt, LogExcerptCharacters))).Append("</pre>\n");
        }
    }

    private static void Capture(StringBuilder html, StepRecord record)
    {
        if (record.Capture is not { } capture)
        {
            return;
        }

        html.Append("<figure class=\"screenshot\">");
        if (!capture.Png.IsEmpty)
        {
            Image(html, capture.Png, $"Screenshot of step {record.Node.Step}", capture.Width, capture.Height);
        }
        else
        {
            html.Append("<p class=\"error\">No screenshot: ").Append(E(capture.Failure ?? "the capture returned no image")).Append("</p>");
        }

        html.Append("<figcaption>").Append(E(capture.Url.ToString()))
            .Append(capture.HttpStatus is { } status ? string.Create(CultureInfo.InvariantCulture, $" · HTTP {status}") : "")
            .Append(capture.Title is { Length: > 0 } title ? " · “" + E(title) + "”" : "").Append("</figcaption></figure>\n");
        List(html, "Console errors", capture.ConsoleErrors, "errors");
        List(html, "Page errors", capture.PageErrors, "errors");
        List(html, "Failed requests", capture.FailedRequests, "errors");
        if (capture.ErrorOverlayText is { Length: > 0 } overlay)
        {
            html.Append("<p class=\"error\">Error overlay:</p><pre class=\"log\">").Append(E(Excerpt(overlay, LogExcerptCharacters))).Append("</pre>\n");
        }

        var scores = record.Node.Scores;
        if (scores.Count > 0)
        {
            html.Append("<table class=\"scores\"><thead><tr><th>Scorer</th><th>Score</th><th>Reason</th></tr></thead><tbody>\n");
            foreach (var s in scores)
            {
                html.Append("<tr").Append(s.IsFatal ? " class=\"fatal\"" : "").Append("><td class=\"mono\">").Append(E(s.Name)).Append("</td><td>").Append(s.Value.ToString("F2", CultureInfo.InvariantCulture)).Append(s.IsFatal ? " (fatal)" : "").Append("</td><td>").Append(E(s.Reason)).Append("</td></tr>\n");
            }

            html.Append("</tbody></table>\n");
        }
    }

    private static void Checks(StringBuilder html, StepRecord record)
    {
        if (record.Checks.Count == 0)
        {
            return;
        }

        html.Append("<table class=\"scores\"><thead><tr><th>Check</th><th>Score</th><th>Summary</th></tr></thead><tbody>\n");
        foreach (var c in record.Checks)
        {
            html.Append("<tr").Append(c.Passed ? "" : " class=\"fatal\"").Append("><td class=\"mono\">").Append(E(c.Name)).Append("</td><td>").Append(c.Score.ToString("F2", CultureInfo.InvariantCulture)).Append(c.Passed ? "" : " (failed)").Append("</td><td>").Append(E(c.Summary)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
        foreach (var c in record.Checks.Where(c => !c.Passed && !string.IsNullOrWhiteSpace(c.Details)))
        {
            html.Append("<details><summary>").Append(E(c.Name)).Append(" output</summary><pre>").Append(E(Excerpt(c.Details!, LogExcerptCharacters))).Append("</pre></details>\n");
        }
    }

    private static void Judgement(StringBuilder html, ScreenshotJudgement? judgement)
    {
        if (judgement is null)
        {
            return;
        }

        html.Append("<div class=\"judge\"><h4>Vision judge</h4>");
        if (judgement.Failure is { } failure)
        {
            html.Append("<p class=\"error\">The judge could not grade: ").Append(E(failure)).Append("</p>");
        }
        else
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><strong>Grade {judgement.Grade}/5</strong>: ").Append(E(judgement.GradeReason)).Append("</p>");
            if (judgement.IsError)
            {
                html.Append("<p class=\"error\">Visible error: ").Append(E(judgement.ErrorMessage ?? "(no message)")).Append("</p>");
            }

            html.Append("<p>").Append(E(judgement.Description)).Append("</p>");
            if (judgement.Suggestions.Length > 0)
            {
                html.Append("<p><em>Suggestions:</em> ").Append(E(judgement.Suggestions)).Append("</p>");
            }
        }

        html.Append("</div>\n");
    }

    private static void GuiTest(StringBuilder html, GuiTestResult? gui, int step)
    {
        if (gui is null)
        {
            return;
        }

        html.Append("<div class=\"gui\"><h4>GUI test</h4>")
            .Append(CultureInfo.InvariantCulture, $"<p>Verdict <strong>{E(gui.Verdict.ToString().ToUpperInvariant())}</strong> · {(gui.Passed ? "passed" : "not passed")} · grade {gui.Grade}/5</p>");
        if (gui.FinalAnswer is { Length: > 0 } answer)
        {
            html.Append("<p>Final answer: <q>").Append(E(Excerpt(answer, 600))).Append("</q></p>");
        }

        if (gui.Failure is { } failure)
        {
            html.Append("<p class=\"error\">").Append(E(failure)).Append("</p>");
        }

        if (gui.Suggestions.Length > 0)
        {
            html.Append("<p><em>Suggestions:</em> ").Append(E(gui.Suggestions)).Append("</p>");
        }

        if (gui.Trajectory.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<ol class=\"trajectory\" id=\"trajectory-{step}\">\n");
            foreach (var s in gui.Trajectory)
            {
                html.Append("<li><p><strong>").Append(E(s.Action.ToString())).Append("</strong>")
                    .Append(s.TargetLabel is { } label ? string.Create(CultureInfo.InvariantCulture, $" [{label}]") : "")
                    .Append(s.TargetDescription is { Length: > 0 } target ? " " + E(target) : "")
                    .Append(s.Argument is { Length: > 0 } argument ? " — <q>" + E(argument) + "</q>" : "").Append("</p>");
                if (s.Thought is { Length: > 0 } thought)
                {
                    html.Append("<p class=\"meta\">").Append(E(thought)).Append("</p>");
                }

                if (s.Error is { Length: > 0 } error)
                {
                    html.Append("<p class=\"error\">").Append(E(error)).Append("</p>");
                }

                if (!s.ScreenshotAfter.IsEmpty)
                {
                    Image(html, s.ScreenshotAfter, $"GUI step {s.Index} of step {step}", null, null);
                }

                html.Append("</li>\n");
            }

            html.Append("</ol>\n");
        }

        html.Append("</div>\n");
    }

    private static void Image(StringBuilder html, ReadOnlyMemory<byte> png, string alt, int? width, int? height)
    {
        html.Append("<img loading=\"eager\" alt=\"").Append(E(alt)).Append('"');
        if (width is > 0 && height is > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $" width=\"{width}\" height=\"{height}\"");
        }

        html.Append(" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png.Span)).Append("\">");
    }

    private static void List(StringBuilder html, string title, IReadOnlyList<string> items, string cls)
    {
        if (items.Count == 0)
        {
            return;
        }

        html.Append("<div class=\"").Append(cls).Append("\"><h4>").Append(E(title)).Append("</h4><ul>");
        foreach (var item in items)
        {
            html.Append("<li>").Append(E(item)).Append("</li>");
        }

        html.Append("</ul></div>\n");
    }

    private static string Status(RunCheckpoint checkpoint) => checkpoint.Result is { } result
        ? StopText(result.StopReason)
        : $"Not finished (last step {checkpoint.State.LastStep})";

    private static string StopText(WebGenStopReason reason) => reason switch
    {
        WebGenStopReason.Finished => "Finished: the model said the site is done.",
        WebGenStopReason.MaxIterations => "Stopped: the step budget was used up.",
        WebGenStopReason.TooManyRestarts => "Stopped: steps kept failing unexpectedly.",
        _ => reason.ToString(),
    };

    private static string Stage(SandboxStageResult stage)
        => stage.Status.ToString().ToLowerInvariant() + (stage.Detail is { Length: > 0 } d ? " (" + d + ")" : "")
            + (stage.Duration > TimeSpan.Zero ? string.Create(CultureInfo.InvariantCulture, $", {stage.Duration.TotalSeconds:F1} s") : "");

    private static string BacktrackTarget(BacktrackRecord b)
        => b.ToStep is { } to ? string.Create(CultureInfo.InvariantCulture, $"to step {to}") : "to the bare instruction (no valid step)";

    private static string KindText(StepKind kind) => kind switch
    {
        StepKind.Code => "code",
        StepKind.Validate => "validate (GUI test)",
        StepKind.Finish => "finish",
        StepKind.BadFormat => "bad format",
        _ => kind.ToString(),
    };

    private static string KindLetter(StepKind kind) => kind switch
    {
        StepKind.Code => "C",
        StepKind.Validate => "V",
        StepKind.Finish => "F",
        _ => "B",
    };

    private static string Tokens(Microsoft.Extensions.AI.UsageDetails usage)
        => string.Create(CultureInfo.InvariantCulture, $"{usage.TotalTokenCount ?? ((usage.InputTokenCount ?? 0) + (usage.OutputTokenCount ?? 0))} tokens");

    private static string Excerpt(string text, int max) => text.Length <= max ? text : text[..max] + "\n… (" + (text.Length - max).ToString(CultureInfo.InvariantCulture) + " more characters)";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #1d2330; background: #fafbfc; }
        h1 { font-size: 1.6rem; margin-bottom: .2rem; }
        h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #d8dde6; padding-bottom: .3rem; }
        h3 { font-size: 1.05rem; margin: 0 0 .4rem; }
        h4 { font-size: .95rem; margin: .8rem 0 .3rem; }
        pre { white-space: pre-wrap; word-break: break-word; background: #f1f3f7; padding: .5rem .7rem; border-radius: 4px; font-size: .82rem; margin: .3rem 0; }
        pre.instruction { background: #fff; border-left: 4px solid #4a6cf7; font-size: .95rem; font-family: inherit; }
        .mono, code { font-family: ui-monospace, "SFMono-Regular", monospace; font-size: .88em; }
        .meta { color: #5b6478; font-size: .85rem; }
        .notice { background: #fff4d6; border: 1px solid #e8c66a; padding: .6rem 1rem; border-radius: 6px; margin-top: 1rem; }
        .notice h2 { border: none; margin-top: .2rem; }
        table { border-collapse: collapse; margin: .4rem 0; background: #fff; font-size: .85rem; }
        th, td { border: 1px solid #d8dde6; padding: .3rem .5rem; text-align: left; vertical-align: top; }
        th { background: #eef1f6; }
        tr.fatal td { color: #a61b1b; }
        .error, .errors li { color: #a61b1b; }
        article.step { background: #fff; border: 1px solid #d8dde6; border-left: 6px solid #9aa3b5; border-radius: 6px; padding: .8rem 1rem; margin: .8rem 0; }
        article.step.has-error { border-left-color: #c23b3b; }
        article.step.chosen { border: 2px solid #2e9d57; border-left: 8px solid #2e9d57; box-shadow: 0 0 0 4px #d9f2e3; }
        .badge { display: inline-block; font-size: .75rem; padding: .1rem .45rem; border-radius: 10px; margin-left: .3rem; vertical-align: middle; background: #eef1f6; }
        .badge.error { background: #f8dada; color: #8c1d1d; }
        .badge.ok { background: #dcefe3; color: #1f6b3c; }
        .badge.chosen-badge { background: #2e9d57; color: #fff; font-weight: 700; }
        figure.screenshot { margin: .6rem 0; }
        figure.screenshot img { max-width: 100%; height: auto; border: 1px solid #d8dde6; }
        figcaption { font-size: .8rem; color: #5b6478; }
        ol.trajectory img { max-width: 360px; height: auto; border: 1px solid #d8dde6; display: block; margin: .3rem 0; }
        ol.trajectory li { margin-bottom: .6rem; }
        .backtrack { background: #fde8e8; border: 1px dashed #c23b3b; color: #8c1d1d; padding: .4rem .8rem; border-radius: 6px; margin: .4rem 0; }
        .feedback pre { background: #f4f0ff; }
        svg text { font-family: system-ui, sans-serif; font-size: 11px; fill: #1d2330; }
        svg text.tick { text-anchor: end; fill: #5b6478; }
        svg text.step-label, svg text.chosen-label { text-anchor: middle; }
        svg text.chosen-label { fill: #1f6b3c; font-weight: 700; }
        svg line.grid { stroke: #e3e7ee; }
        svg rect.shot { fill: #4a6cf7; }
        svg rect.gui { fill: #2e9d57; }
        svg rect.chosen-band { fill: #e3f5ea; stroke: #2e9d57; stroke-dasharray: 3 2; }
        svg circle.error-dot { fill: #c23b3b; }
        svg line.backtrack-line { stroke: #c23b3b; stroke-width: 2; stroke-dasharray: 4 3; }
        footer { margin-top: 2rem; }

        """;
}
