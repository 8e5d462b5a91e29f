using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WebGen.Bench;

/// <summary>
/// Web-Bench (ByteDance, Apache-2.0) for WebGen: serves a project's source in the SDK's sandbox and runs the project's
/// own Playwright specs against it with @playwright/test — deterministic tests written by the benchmark's authors.
/// <see cref="EvaluateAsync"/> is one evaluation (init and tasks 1 … n); <see cref="RunAsync"/> runs projects end to end
/// (the reference solutions, another tool's solutions, or the protocol with an <see cref="IWebBenchSolver"/>), scores
/// them as the benchmark defines (pass@1, pass@2, error@1, cases passed), resumes from what an earlier run recorded,
/// and writes <c>summary.json</c>, <c>summary.md</c> and <c>report.html</c>.
/// </summary>
/// <remarks>
/// The site — the only code here that a model may have written — runs in the sandbox (isolated by default). The test
/// runner runs on the host as the harness's own code: its dependencies come from the benchmark's package.json, installed
/// into a cache folder the site cannot write; it gets a scrubbed environment, and reaches the site through the sandbox's
/// bridge on the host's loopback.
/// </remarks>
public sealed class WebBenchHarness
{
    private readonly ISandbox _sandbox;
    private readonly WebBenchOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly WebBenchTestRunner _runner;

    /// <summary>Creates the harness.</summary>
    /// <param name="sandbox">Serves the projects' sites (use an isolated sandbox: the sources are model-written).</param>
    /// <param name="options">Options; defaults when null. Invalid options throw <see cref="ArgumentException"/>.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    /// <param name="timeProvider">The clock for timestamps; the system clock when null.</param>
    /// <exception cref="InvalidOperationException">No Chromium is found (see <see cref="WebBenchOptions.ChromiumPath"/>).</exception>
    public WebBenchHarness(ISandbox sandbox, WebBenchOptions? options = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        _sandbox = sandbox;
        _options = options ?? new WebBenchOptions();
        BenchOptionsValidator.ThrowIfInvalid(_options);
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<WebBenchHarness>();
        _time = timeProvider ?? TimeProvider.System;
        _runner = new WebBenchTestRunner(_options, _logger);
    }

    /// <summary>The folder where test runners are installed and kept.</summary>
    public string RunnerCacheDirectory => _runner.CacheRoot;

    /// <summary>
    /// Serves the source in the sandbox and runs the specs of <c>init</c> and tasks 1 … n against it. Every case of those
    /// specs is in the result: a site that does not start leaves them not run, with the sandbox's reason.
    /// </summary>
    /// <param name="request">The project, workspace, source and tasks.</param>
    /// <param name="cancellationToken">Stops the evaluation (the site and the test run are stopped too).</param>
    /// <exception cref="WebBenchProjectException">The project's tests cannot run from this checkout (a library is missing, the config cannot be read).</exception>
    /// <exception cref="InvalidOperationException">The test runner could not be installed.</exception>
    public async Task<WebBenchEvaluation> EvaluateAsync(WebBenchEvaluationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var project = request.Project;
        var through = request.ThroughTask ?? project.Tasks.Count;
        if (through < 0 || through > project.Tasks.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(request), $"ThroughTask must be between 0 and {project.Tasks.Count} for project '{project.Name}'.");
        }

        var started = _time.GetUtcNow();
        var runner = await _runner.PrepareAsync(project, cancellationToken).ConfigureAwait(false);
        var workspace = Path.GetFullPath(request.WorkspaceDirectory);
        var artifacts = Path.GetFullPath(request.ArtifactsDirectory);
        WebBenchSiteWorkspace.Prepare(project, runner.Server, workspace);
        if (request.SourceDirectory is { } source)
        {
            if (!Directory.Exists(source))
            {
                throw new DirectoryNotFoundException($"The source to evaluate, '{source}', does not exist.");
            }

            WebBenchSiteWorkspace.ReplaceSource(workspace, source);
        }

        var specs = project.SpecsThrough(through);
        var expected = ExpectedCases(project, runner, specs);
        var first = await RunOnceAsync(project, runner, workspace, specs, Path.Combine(artifacts, "run-1"), artifacts, cancellationToken).ConfigureAwait(false);
        var cases = Merge(expected, first, runner);
        var retried = false;
        var failed = cases.Where(c => c.Status is WebBenchCaseStatus.Failed or WebBenchCaseStatus.TimedOut or WebBenchCaseStatus.Interrupted && c.Line > 0).ToList();
        if ((request.RetryFailedCases ?? _options.RetryFailedCases) && first.Site.Started && failed.Count > 0)
        {
            retried = true;
            var filters = failed.Select(c => $"{c.File}:{c.Line}").Distinct(StringComparer.Ordinal).ToList();
            var second = await RunOnceAsync(project, runner, workspace, filters, Path.Combine(artifacts, "run-2"), artifacts, cancellationToken).ConfigureAwait(false);
            var again = second.Run?.Cases.ToDictionary(c => PlaywrightJsonReport.Key(c.Result), c => c.Result, StringComparer.Ordinal) ?? [];
            cases = [.. cases.Select(c => failed.Contains(c) && again.TryGetValue(PlaywrightJsonReport.Key(c), out var retry) && retry.Passed
                ? c with { Status = WebBenchCaseStatus.Passed, PassedOnRetry = true, FirstError = c.Error, Error = null, Duration = retry.Duration }
                : c)];
        }

        return new WebBenchEvaluation
        {
            Project = project.Name,
            ThroughTask = through,
            Cases = cases,
            Site = first.Site,
            RunErrors = first.Run?.Errors ?? [],
            StartedAt = started,
            Duration = _time.GetUtcNow() - started,
            Retried = retried,
        };
    }

    /// <summary>
    /// Runs the projects (at most <see cref="WebBenchOptions.MaxConcurrentProjects"/> at once), skipping those an earlier
    /// run with the same output directory finished; a project is recorded when it finishes, and a protocol run records
    /// every attempt (with a snapshot of the source), so a stopped run continues where it stopped.
    /// </summary>
    /// <param name="request">The projects, the mode and the output directory.</param>
    /// <param name="progress">Receives progress; may be null.</param>
    /// <param name="cancellationToken">Stops the run; what was recorded stays.</param>
    /// <returns>The scores of the finished projects and the projects still pending.</returns>
    public async Task<WebBenchSummary> RunAsync(WebBenchRunRequest request, IProgress<WebBenchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Projects.Count == 0)
        {
            throw new ArgumentException("No project is selected.", nameof(request));
        }

        switch (request.Mode)
        {
            case WebBenchRunMode.Solutions when string.IsNullOrEmpty(request.SolutionsDirectory) || !Directory.Exists(request.SolutionsDirectory):
                throw new DirectoryNotFoundException($"The solutions folder '{request.SolutionsDirectory}' does not exist; it should hold one folder per project.");
            case WebBenchRunMode.Solver when request.Solver is null:
                throw new ArgumentException("A solver run needs WebBenchRunRequest.Solver.", nameof(request));
        }

        var started = _time.GetUtcNow();
        var store = new WebBenchResultStore(request.OutputDirectory);
        store.RemoveLeftovers();
        var results = new WebBenchProjectResult?[request.Projects.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, request.Projects.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentProjects, CancellationToken = cancellationToken },
            async (i, token) => results[i] = await RunProjectAsync(request, store, request.Projects[i], progress, token).ConfigureAwait(false)).ConfigureAwait(false);

        var finished = results.OfType<WebBenchProjectResult>().ToList();
        var summary = new WebBenchSummary
        {
            Name = request.Name,
            Mode = request.Mode,
            Projects = finished,
            Pending = [.. request.Projects.Where((_, i) => results[i] is null).Select(p => p.Name)],
            Overall = WebBenchScoring.Sum(finished.Select(r => r.Score)),
            Duration = _time.GetUtcNow() - started,
        };
        await store.WriteSummaryAsync(summary, cancellationToken).ConfigureAwait(false);
        return summary;
    }

    private async Task<WebBenchProjectResult?> RunProjectAsync(WebBenchRunRequest request, WebBenchResultStore store, WebBenchProject project, IProgress<WebBenchProgress>? progress, CancellationToken cancellationToken)
    {
        if (await store.ReadProjectAsync(project.Name, cancellationToken).ConfigureAwait(false) is { } done)
        {
            Report(progress, WebBenchProgressKind.ProjectSkipped, project.Name, done.Score.CasesPassed, done.Score.Cases, "already finished in this output directory");
            return done;
        }

        Report(progress, WebBenchProgressKind.ProjectStarted, project.Name);
        WebBenchProjectResult result;
        try
        {
            result = request.Mode switch
            {
                WebBenchRunMode.Reference => await FinalAsync(store, project, project.SolutionDirectory, cancellationToken).ConfigureAwait(false),
                WebBenchRunMode.Solver => await ProtocolAsync(store, project, request.Solver!, progress, cancellationToken).ConfigureAwait(false),
                _ => await SolutionAsync(store, project, Path.Combine(request.SolutionsDirectory!, project.Name), progress, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (WebBenchProjectException ex)
        {
            // The checkout cannot run this project (a missing library, an unreadable config): a rerun would not change that.
            result = new WebBenchProjectResult { Project = project.Name, Tasks = project.Tasks.Count, Problem = ex.Message, Score = new WebBenchScore { Tasks = project.Tasks.Count, HasAttempts = request.Mode == WebBenchRunMode.Solver } };
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException && !cancellationToken.IsCancellationRequested)
        {
            Log.WebBenchProjectFailed(_logger, project.Name, ex);
            Report(progress, WebBenchProgressKind.ProjectFailed, project.Name, message: ex.Message);
            return null;
        }

        await store.WriteProjectAsync(result, cancellationToken).ConfigureAwait(false);
        if (!request.KeepWorkspaces)
        {
            store.RemoveWorkspace(project.Name, _logger);
        }

        Report(progress, WebBenchProgressKind.ProjectCompleted, project.Name, result.Score.CasesPassed, result.Score.Cases, result.Problem, passed: result.Problem is null && result.Score.CasesPassed == result.Score.Cases);
        return result;
    }

    private async Task<WebBenchProjectResult> SolutionAsync(WebBenchResultStore store, WebBenchProject project, string folder, IProgress<WebBenchProgress>? progress, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            throw new WebBenchProjectException($"The solutions folder has no folder for project '{project.Name}' ({folder}).");
        }

        if (Directory.Exists(Path.Combine(folder, "task-1")))
        {
            return await ProtocolAsync(store, project, new SnapshotSolver(folder), progress, cancellationToken).ConfigureAwait(false);
        }

        var source = Directory.Exists(Path.Combine(folder, "src")) ? Path.Combine(folder, "src") : folder;
        return await FinalAsync(store, project, source, cancellationToken).ConfigureAwait(false);
    }

    private async Task<WebBenchProjectResult> FinalAsync(WebBenchResultStore store, WebBenchProject project, string source, CancellationToken cancellationToken)
    {
        var evaluation = await EvaluateAsync(
            new WebBenchEvaluationRequest
            {
                Project = project,
                WorkspaceDirectory = store.WorkspacePath(project.Name),
                SourceDirectory = source,
                ArtifactsDirectory = store.ArtifactsPath(project.Name, "final"),
            },
            cancellationToken).ConfigureAwait(false);
        evaluation = store.Relative(evaluation, project.Name, "final");
        var fullyPassing = project.Tasks.Count(t => evaluation.Cases.Where(c => c.Task == t.Number && c.Status != WebBenchCaseStatus.Skipped) is var own && own.Any() && own.All(c => c.Passed));
        return new WebBenchProjectResult
        {
            Project = project.Name,
            Tasks = project.Tasks.Count,
            Final = evaluation,
            Cases = evaluation.Cases,
            Score = new WebBenchScore { Tasks = project.Tasks.Count, TasksFullyPassing = fullyPassing, CasesPassed = evaluation.CasesPassed, Cases = evaluation.CasesCounted },
        };
    }

    private async Task<WebBenchProjectResult> ProtocolAsync(WebBenchResultStore store, WebBenchProject project, IWebBenchSolver solver, IProgress<WebBenchProgress>? progress, CancellationToken cancellationToken)
    {
        var workspace = store.WorkspacePath(project.Name);
        var attempts = (await store.ReadAttemptsAsync(project.Name, cancellationToken).ConfigureAwait(false)).ToList();
        var runner = await _runner.PrepareAsync(project, cancellationToken).ConfigureAwait(false);
        WebBenchSiteWorkspace.Prepare(project, runner.Server, workspace);

        // Continue from the source as the last recorded attempt left it (the starting files before task 1).
        WebBenchSiteWorkspace.ReplaceSource(workspace, attempts.Count == 0 ? project.InitialSourceDirectory : store.SnapshotPath(project.Name, attempts[^1].Task, attempts[^1].Attempt));
        if (attempts.Count > 0)
        {
            Report(progress, WebBenchProgressKind.ProjectStarted, project.Name, message: $"resuming after task {attempts[^1].Task} attempt {attempts[^1].Attempt}");
        }

        while (NextStep(project.Tasks.Count, attempts) is { } next)
        {
            var task = project.Tasks[next.Task - 1];
            var previous = next.Attempt == 2 ? attempts[^1].Evaluation : null;
            var label = WebBenchResultStore.AttemptLabel(next.Task, next.Attempt);
            var solved = await solver.ImplementAsync(
                new WebBenchSolverRequest { Project = project, Task = task, Attempt = next.Attempt, SourceDirectory = Path.Combine(workspace, "src"), PreviousErrors = previous is null ? null : FailureText(previous) },
                cancellationToken).ConfigureAwait(false);
            WebBenchEvaluation evaluation;
            if (solved.Succeeded)
            {
                evaluation = await EvaluateAsync(
                    new WebBenchEvaluationRequest { Project = project, WorkspaceDirectory = workspace, ThroughTask = next.Task, ArtifactsDirectory = store.ArtifactsPath(project.Name, label), RetryFailedCases = false },
                    cancellationToken).ConfigureAwait(false);
                evaluation = store.Relative(evaluation, project.Name, label);
            }
            else
            {
                var expected = ExpectedCases(project, runner, project.SpecsThrough(next.Task));
                evaluation = new WebBenchEvaluation
                {
                    Project = project.Name,
                    ThroughTask = next.Task,
                    Cases = [.. expected.Select(c => c with { Error = "Not run: the solver failed." })],
                    Site = new WebBenchSiteOutcome { Started = false },
                    RunErrors = ["The solver failed: " + solved.Message],
                    StartedAt = _time.GetUtcNow(),
                };
            }

            var attempt = new WebBenchAttempt { Task = next.Task, Attempt = next.Attempt, SolverMessage = solved.Message, Evaluation = evaluation };
            await store.WriteAttemptAsync(project.Name, attempt, Path.Combine(workspace, "src"), cancellationToken).ConfigureAwait(false);
            attempts.Add(attempt);
            Report(progress, WebBenchProgressKind.AttemptCompleted, project.Name, evaluation.CasesPassed, evaluation.CasesCounted, solved.Succeeded ? null : solved.Message, attempt.Passed, next.Task, next.Attempt);
        }

        // Every case of the project: the last evaluation's, and those of tasks it never reached.
        var last = attempts.Count > 0 ? attempts[^1].Evaluation.Cases : [];
        var reached = attempts.Count > 0 ? attempts[^1].Task : 0;
        var cases = last.Concat(ExpectedCases(project, runner, [.. project.Specs.Where(s => s.Key > reached).Select(s => s.Value)]).Select(c => c with { Error = "Not run: the evaluation ended before this task." })).ToList();
        var counted = cases.Where(c => c.Status != WebBenchCaseStatus.Skipped).ToList();
        return new WebBenchProjectResult
        {
            Project = project.Name,
            Tasks = project.Tasks.Count,
            Attempts = attempts,
            Cases = cases,
            Score = WebBenchScoring.Score(project.Tasks.Count, attempts.Select(a => new WebBenchAttemptOutcome { Task = a.Task, Attempt = a.Attempt, Passed = a.Passed }), counted.Count(c => c.Passed), counted.Count),
        };
    }

    /// <summary>The protocol's next step after the recorded attempts, or null when it has ended.</summary>
    internal static (int Task, int Attempt)? NextStep(int tasks, IReadOnlyList<WebBenchAttempt> attempts)
    {
        if (attempts.Count == 0)
        {
            return tasks > 0 ? (1, 1) : null;
        }

        var last = attempts[^1];
        if (last.Passed)
        {
            return last.Task < tasks ? (last.Task + 1, 1) : null;
        }

        return last.Attempt == 1 ? (last.Task, 2) : null;
    }

    /// <summary>The failing cases of an evaluation as the solver reads them on its retry.</summary>
    internal static string FailureText(WebBenchEvaluation evaluation)
    {
        var lines = new List<string>();
        if (!evaluation.Site.Started)
        {
            lines.Add("The site did not start: " + (evaluation.Site.Excerpt ?? evaluation.Site.Failure.ToString()));
        }

        lines.AddRange(evaluation.RunErrors);
        foreach (var failed in evaluation.Cases.Where(c => !c.Passed && c.Status != WebBenchCaseStatus.Skipped))
        {
            lines.Add($"✘ {failed.File}:{failed.Line} › {failed.Title}\n{failed.Error}");
        }

        return string.Join("\n\n", lines);
    }

    private static List<WebBenchCaseResult> ExpectedCases(WebBenchProject project, WebBenchRunnerInstall runner, IReadOnlyList<string> specs)
    {
        var cases = runner.Cases.Where(c => specs.Contains(c.File, StringComparer.Ordinal)).ToList();
        foreach (var spec in specs.Where(s => runner.LoadErrors.ContainsKey(s) && !cases.Any(c => c.File == s)))
        {
            var task = project.Specs.First(s => s.Value == spec).Key;
            cases.Add(new WebBenchCaseResult { Task = task, File = spec, Title = "(the spec file could not be loaded)", Status = WebBenchCaseStatus.NotRun, Error = runner.LoadErrors[spec] });
        }

        return [.. cases.OrderBy(c => c.Task).ThenBy(c => c.Line)];
    }

    private static List<WebBenchCaseResult> Merge(IReadOnlyList<WebBenchCaseResult> expected, RunOutcome outcome, WebBenchRunnerInstall runner)
    {
        var reported = outcome.Run?.Cases.Select(c => c.Result).ToList() ?? [];
        var byKey = reported.GroupBy(PlaywrightJsonReport.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var why = !outcome.Site.Started
            ? "Not run: the site did not start. " + outcome.Site.Excerpt
            : "Not run: the test run ended before this case.";
        var merged = new List<WebBenchCaseResult>();
        foreach (var item in expected)
        {
            if (byKey.Remove(PlaywrightJsonReport.Key(item), out var found))
            {
                merged.Add(found);
            }
            else if (item.Status == WebBenchCaseStatus.Skipped)
            {
                merged.Add(item);
            }
            else
            {
                var loadError = outcome.Run?.LoadErrors.GetValueOrDefault(item.File) ?? runner.LoadErrors.GetValueOrDefault(item.File);
                merged.Add(item with { Status = WebBenchCaseStatus.NotRun, Error = loadError ?? item.Error ?? why.Trim() });
            }
        }

        merged.AddRange(byKey.Values);
        return [.. merged.OrderBy(c => c.Task).ThenBy(c => c.Line)];
    }

    private async Task<RunOutcome> RunOnceAsync(WebBenchProject project, WebBenchRunnerInstall runner, string workspace, IReadOnlyList<string> filters, string workDirectory, string artifacts, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var session = await _sandbox.OpenSessionAsync(new SandboxSessionRequest { WorkspacePath = workspace, EpisodeId = "webbench-" + project.Name }, cancellationToken).ConfigureAwait(false);
        try
        {
            var run = await session.EnsureRunningAsync(cancellationToken).ConfigureAwait(false);
            var site = new WebBenchSiteOutcome
            {
                Started = run.Url is not null,
                Failure = run.Failure,
                Excerpt = run.FailureExcerpt,
                Command = run.Start.Command,
                Containment = run.Containment,
                Duration = _time.GetElapsedTime(started),
            };
            if (run.Url is null)
            {
                Log.WebBenchSiteFailed(_logger, project.Name, run.FailureExcerpt ?? run.Failure.ToString());
                return new RunOutcome(site, null);
            }

            // The sandbox answers for "/"; the project's config may wait for another page (a site without an index).
            if (!await WaitUntilReadyAsync(run.Url, runner.Server, cancellationToken).ConfigureAwait(false))
            {
                var excerpt = $"Nothing answered at {runner.Server.ReadyPath} within {runner.Server.Timeout.TotalSeconds:0} s. {run.FailureExcerpt}".Trim();
                Log.WebBenchSiteFailed(_logger, project.Name, excerpt);
                return new RunOutcome(site with { Started = false, Failure = SandboxFailureKind.NotReadyInTime, Excerpt = excerpt }, null);
            }

            Log.WebBenchSiteStarted(_logger, project.Name, run.Url, run.Start.Command, filters.Count);
            var result = await _runner.RunAsync(project, runner, filters, run.Url.Port, Path.Combine(workspace, "src"), workDirectory, cancellationToken).ConfigureAwait(false);
            return new RunOutcome(site, result with { Cases = CopyScreenshots(result.Cases, artifacts) });
        }
        finally
        {
            try
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException)
            {
                Log.WebBenchSessionDisposeFailed(_logger, project.Name, ex);
            }

            var testResults = Path.Combine(workDirectory, "test-results");
            if (Directory.Exists(testResults))
            {
                Directory.Delete(testResults, recursive: true);
            }
        }
    }

    /// <summary>Keeps the failing cases' screenshots beside the results (Playwright's own folder is emptied by the next run).</summary>
    private static List<PlaywrightJsonReport.ReportedCase> CopyScreenshots(IReadOnlyList<PlaywrightJsonReport.ReportedCase> cases, string artifacts)
    {
        var copied = new List<PlaywrightJsonReport.ReportedCase>(cases.Count);
        var shots = Path.Combine(artifacts, "shots");
        foreach (var item in cases)
        {
            var kept = new List<string>();
            foreach (var path in item.ScreenshotPaths.Where(File.Exists))
            {
                Directory.CreateDirectory(shots);
                var name = $"task-{item.Result.Task}-line-{item.Result.Line}-{kept.Count + 1}-{Guid.NewGuid().ToString("N")[..6]}.png";
                File.Copy(path, Path.Combine(shots, name), overwrite: true);
                kept.Add("shots/" + name);
            }

            copied.Add(item with { Result = item.Result with { Screenshots = kept } });
        }

        return copied;
    }

    private async Task<bool> WaitUntilReadyAsync(Uri siteUrl, WebBenchServerSpec server, CancellationToken cancellationToken)
    {
        var url = new Uri(siteUrl, server.ReadyPath);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = _time.GetTimestamp();
        while (_time.GetElapsedTime(deadline) < server.Timeout)
        {
            try
            {
                using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);

                // Playwright's own rule for a web server's URL: any status from 200 to 403.
                if ((int)response.StatusCode is >= 200 and < 404)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), _time, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    private void Report(IProgress<WebBenchProgress>? progress, WebBenchProgressKind kind, string project, int casesPassed = 0, int cases = 0, string? message = null, bool passed = false, int task = 0, int attempt = 0)
        => progress?.Report(new WebBenchProgress { Kind = kind, Project = project, CasesPassed = casesPassed, Cases = cases, Message = message, Passed = passed, Task = task, Attempt = attempt, Timestamp = _time.GetUtcNow() });

    private sealed record class RunOutcome(WebBenchSiteOutcome Site, PlaywrightRunResult? Run);
}
