using Microsoft.Extensions.Options;

namespace WebGen.Mcp;

/// <summary>
/// Evaluates a site the way a step of the agent does, without a model writing it: the files go through the workspace jail into a
/// fresh workspace, the sandbox installs and starts it, the browser screenshots it, the scorers and the VLM judge grade it and,
/// when asked, the GUI tester exercises it. The workspace and the site's processes are gone when it returns.
/// </summary>
internal sealed class SiteEvaluator(WebGenEnvironment environment, IOptions<WebGenAgentOptions> agentOptions)
{
    private static readonly string[] SkippedDirectories = ["node_modules", ".git", "dist", "build", ".vite"];

    public async Task<SiteEvaluation> EvaluateAsync(string instruction, IReadOnlyList<FileAction> files, bool guiTest, Action<string> progress, CancellationToken cancellationToken)
    {
        var parts = environment.Components;
        var options = agentOptions.Value;
        var id = "eval-" + Guid.NewGuid().ToString("N")[..12];
        var workspace = Path.Combine(Path.GetFullPath(options.RunsDirectory), ".evaluations", id);
        Directory.CreateDirectory(workspace);
        try
        {
            var written = await new WorkspaceWriter(options.Workspace).ApplyAsync(workspace, files, cancellationToken).ConfigureAwait(false);
            var rejected = written.Rejected.Select(r => $"{r.Path}: {r.Reason}").ToList();
            progress($"wrote {written.Written.Count} files; installing and starting the site");
            var session = await parts.Sandbox.OpenSessionAsync(new SandboxSessionRequest { WorkspacePath = workspace, EpisodeId = id }, cancellationToken).ConfigureAwait(false);
            await using (session.ConfigureAwait(false))
            {
                var run = await session.EnsureRunningAsync(cancellationToken).ConfigureAwait(false);
                if (!run.IsRunning)
                {
                    return new SiteEvaluation
                    {
                        Started = false,
                        StartFailure = run.Failure.ToString(),
                        StartOutput = run.FailureExcerpt,
                        RejectedFiles = rejected,
                    };
                }

                try
                {
                    progress("the site is running; capturing and judging its screenshot");
                    var capture = await parts.PageCapturer.CaptureAsync(
                        new PageCaptureRequest { Url = run.Url!, SessionId = id, ViewportWidth = options.ViewportWidth, ViewportHeight = options.ViewportHeight },
                        cancellationToken).ConfigureAwait(false);
                    if (!capture.Succeeded)
                    {
                        return new SiteEvaluation { Started = true, CaptureFailure = capture.Failure, RejectedFiles = rejected };
                    }

                    var scores = new List<ScreenshotScore>();
                    foreach (var scorer in parts.ScreenshotScorers)
                    {
                        scores.Add(await scorer.ScoreAsync(new ScreenshotScoringContext { Capture = capture, Instruction = instruction }, cancellationToken).ConfigureAwait(false));
                    }

                    var judgement = scores.Any(s => s.IsFatal)
                        ? null
                        : await parts.ScreenshotJudge.JudgeAsync(new ScreenshotJudgeRequest { Capture = capture, Instruction = instruction, PreCheckScores = scores }, cancellationToken).ConfigureAwait(false);

                    GuiTestResult? gui = null;
                    if (guiTest)
                    {
                        progress("testing the site through its GUI");
                        var plan = await parts.GuiTester.PlanAsync(instruction, cancellationToken).ConfigureAwait(false);
                        gui = await parts.GuiTester.TestAsync(new GuiTestRequest { Url = run.Url!, TestInstruction = plan.Instruction, UserInstruction = instruction, SessionId = id }, cancellationToken).ConfigureAwait(false);
                    }

                    return new SiteEvaluation
                    {
                        Started = true,
                        RejectedFiles = rejected,
                        Screenshot = capture.Png.ToArray(),
                        Scores = [.. scores.Select(s => new ScoreLine(s.Name, Math.Round(s.Value, 3), s.Reason, s.IsFatal))],
                        ScreenshotGrade = judgement?.Grade ?? 0,
                        GradeReason = judgement?.GradeReason ?? "a pre-check failed, so the judge was skipped: " + string.Join("; ", scores.Where(s => s.IsFatal).Select(s => s.Reason)),
                        Description = judgement?.Description,
                        Suggestions = judgement?.Suggestions,
                        VisibleError = judgement?.IsError,
                        GuiGrade = gui?.Grade,
                        GuiVerdict = gui?.Verdict.ToString(),
                        GuiSuggestions = gui?.Suggestions,
                        GuiFailure = gui?.Failure,
                    };
                }
                finally
                {
                    await parts.PageCapturer.EndSessionAsync(id, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            TryDelete(workspace);
        }
    }

    /// <summary>Reads a local site's text files (dependencies and build output skipped) as file actions for the workspace jail.</summary>
    public static async Task<IReadOnlyList<FileAction>> ReadDirectoryAsync(string directory, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The directory '{root}' does not exist.");
        }

        var files = new List<FileAction>();
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(root)]);
        while (pending.TryPop(out var current))
        {
            foreach (var entry in current.EnumerateFileSystemInfos())
            {
                // Links are skipped, not followed: a link could point anywhere on this machine.
                if (entry.LinkTarget is not null)
                {
                    continue;
                }

                if (entry is DirectoryInfo sub)
                {
                    if (!SkippedDirectories.Contains(sub.Name, StringComparer.Ordinal))
                    {
                        pending.Push(sub);
                    }
                }
                else
                {
                    var content = await File.ReadAllTextAsync(entry.FullName, cancellationToken).ConfigureAwait(false);
                    files.Add(new FileAction { FilePath = Path.GetRelativePath(root, entry.FullName).Replace('\\', '/'), Content = content });
                }
            }
        }

        return files;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A process that outlived its session may still hold a file; the directory is under .evaluations and harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
