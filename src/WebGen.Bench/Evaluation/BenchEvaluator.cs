using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WebGen.Bench;

/// <summary>
/// Evaluates generated sites on WebGen-Bench the way the benchmark's harness does: each site is started in the
/// sandbox; a site that does not start scores NO on all its cases and counts as start-failed; otherwise its
/// home page is graded for appearance and every UI test case is run by the GUI agent with the benchmark's
/// prompt. Sites run concurrently (at most <see cref="BenchEvaluatorOptions.MaxConcurrentSites"/> at once);
/// every finished case and site is recorded atomically as it completes, so a killed evaluation rerun with
/// the same output directory redoes nothing finished and reaches the same totals. Work that fails is recorded
/// and retried on the next run; it never stops the batch. Every case records how it was judged
/// (<see cref="IBenchCaseAgent.Judgement"/>): with a smoke-checking case agent the scores report the smoke check and no
/// accuracy, and an output directory never mixes the two.
/// </summary>
public sealed class BenchEvaluator
{
    private readonly ISandbox _sandbox;
    private readonly IBenchCaseAgent _caseAgent;
    private readonly IAppearanceGrader? _appearance;
    private readonly BenchEvaluatorOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>Creates the evaluator.</summary>
    /// <param name="sandbox">Starts the sites.</param>
    /// <param name="caseAgent">Runs the UI test cases (the GUI agent).</param>
    /// <param name="appearanceGrader">Grades appearance; when null appearance is not graded and reported as not measured.</param>
    /// <param name="options">Options; defaults when null. Invalid options throw <see cref="ArgumentException"/>.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    /// <param name="timeProvider">The clock (timestamps, case timeouts); the system clock when null.</param>
    public BenchEvaluator(ISandbox sandbox, IBenchCaseAgent caseAgent, IAppearanceGrader? appearanceGrader = null, BenchEvaluatorOptions? options = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        ArgumentNullException.ThrowIfNull(caseAgent);
        _sandbox = sandbox;
        _caseAgent = caseAgent;
        _appearance = appearanceGrader;
        _options = options ?? new BenchEvaluatorOptions();
        BenchOptionsValidator.ThrowIfInvalid(_options);
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<BenchEvaluator>();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Evaluates the sites of the selected tasks, resuming from the records already in the output directory,
    /// then writes <c>summary.json</c>, <c>summary.md</c> and <c>report.html</c> there.
    /// </summary>
    /// <param name="request">The tasks, the sites folder and the output directory.</param>
    /// <param name="progress">Receives progress reports; may be null.</param>
    /// <param name="cancellationToken">Stops the evaluation; finished records stay and a rerun continues from them.</param>
    /// <returns>The scores (incomplete when some work failed: see <see cref="BenchSummary.IsComplete"/>).</returns>
    /// <exception cref="ArgumentException">No task is selected, or a selected task has no test cases.</exception>
    /// <exception cref="DirectoryNotFoundException">The sites folder does not exist.</exception>
    /// <exception cref="InvalidOperationException">The output directory holds cases judged differently from how this evaluator's case agent judges.</exception>
    public async Task<BenchSummary> EvaluateAsync(BenchEvaluationRequest request, IProgress<BenchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Tasks.Count == 0)
        {
            throw new ArgumentException("No task is selected; select at least one task to evaluate.", nameof(request));
        }

        var duplicate = request.Tasks.GroupBy(t => t.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Task {duplicate.Key} is selected twice; select each task once.", nameof(request));
        }

        var noCases = request.Tasks.Where(t => t.Cases.Count == 0).Select(t => t.Id).ToList();
        if (noCases.Count > 0)
        {
            throw new ArgumentException($"{noCases.Count} selected task(s) have no UI test cases to evaluate ({string.Join(", ", noCases.Take(5))}{(noCases.Count > 5 ? ", …" : "")}); select tasks of the test set.", nameof(request));
        }

        var sites = Path.GetFullPath(request.SitesDirectory);
        if (!Directory.Exists(sites))
        {
            throw new DirectoryNotFoundException($"The sites folder '{sites}' does not exist; it should hold one folder per task id (for example {sites}/{request.Tasks[0].Id}).");
        }

        var store = new BenchResultStore(request.OutputDirectory, _options.SecretRedactor);
        Directory.CreateDirectory(store.Root);
        store.RemoveLeftovers();
        var existing = await store.LoadAsync(includeTrajectoryScreenshots: false, cancellationToken).ConfigureAwait(false);
        ThrowIfJudgedDifferently(existing, _caseAgent.Judgement);
        var totalCases = request.Tasks.Sum(t => t.Cases.Count);
        var run = new RunContext(request, sites, store, existing, progress, _time, totalCases)
        {
            CompletedCases = request.Tasks.Sum(t => existing.GetSite(t.Id)?.StartFailed == true ? t.Cases.Count : existing.GetCases(t.Id).Count(c => c.CaseIndex < t.Cases.Count)),
        };
        Log.EvaluationStarted(_logger, request.Tasks.Count, totalCases, sites, store.Root);

        await Parallel.ForEachAsync(
            request.Tasks,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentSites, CancellationToken = cancellationToken },
            (task, token) => new ValueTask(EvaluateSiteAsync(run, task, token))).ConfigureAwait(false);

        var results = await store.LoadAsync(includeTrajectoryScreenshots: false, cancellationToken).ConfigureAwait(false);
        var summary = results.Summarize(request.Tasks, _options.VerdictMode, request.Name, _time, _caseAgent.Judgement);
        await BenchReportWriter.WriteAsync(store.Root, summary, request.Tasks, results, _options.EmbedScreenshotsInReport, cancellationToken).ConfigureAwait(false);
        if (summary.Accuracy is { } accuracy)
        {
            Log.EvaluationCompleted(_logger, accuracy, summary.Cases, summary.Pending);
        }
        else
        {
            Log.SmokeCheckCompleted(_logger, summary.SmokePassed, summary.Cases, summary.Pending);
        }

        return summary;
    }

    /// <summary>
    /// Finds the site folder of a task: <c>&lt;sites&gt;/&lt;id&gt;</c>, or for an all-digit id its unpadded form
    /// (<c>1</c> for <c>000001</c>); a folder whose only entry is a folder is descended into (at most three levels).
    /// </summary>
    /// <param name="sitesDirectory">The sites folder.</param>
    /// <param name="taskId">The task id.</param>
    /// <returns>The folder, or null when the task has none.</returns>
    public static string? FindSiteFolder(string sitesDirectory, string taskId)
    {
        ArgumentNullException.ThrowIfNull(sitesDirectory);
        ArgumentNullException.ThrowIfNull(taskId);
        var candidates = new List<string> { Path.Combine(sitesDirectory, taskId) };
        if (BenchTaskSelection.TryParseNumber(taskId, out var number))
        {
            candidates.Add(Path.Combine(sitesDirectory, number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var folder = candidates.FirstOrDefault(Directory.Exists);
        if (folder is null)
        {
            return null;
        }

        for (var depth = 0; depth < 3; depth++)
        {
            var entries = Directory.GetFileSystemEntries(folder);
            if (entries.Length != 1 || !Directory.Exists(entries[0]))
            {
                break;
            }

            folder = entries[0];
        }

        return Path.GetFullPath(folder);
    }

    /// <summary>
    /// Refuses to add cases to a results directory whose cases were judged another way: a smoke check resumed by an agent
    /// (or the reverse) would yield scores that are neither accuracy nor smoke check.
    /// </summary>
    private static void ThrowIfJudgedDifferently(BenchResults existing, BenchCaseJudgement judgement)
    {
        var other = existing.TaskIds.SelectMany(existing.GetCases).FirstOrDefault(c => c.Judgement != judgement);
        if (other is not null)
        {
            throw new InvalidOperationException(
                $"The results in '{existing.OutputDirectory}' hold cases {Describe(other.Judgement)} (task {other.TaskId}, case {other.CaseIndex}), but this evaluation's cases are {Describe(judgement)}. "
                + "One results directory holds one kind of judgement: use another output directory, or delete this one to start over.");
        }

        static string Describe(BenchCaseJudgement kind) => kind == BenchCaseJudgement.Smoke ? "smoke-checked (offline, no accuracy)" : "judged by a GUI agent";
    }

    private async Task EvaluateSiteAsync(RunContext run, BenchTask task, CancellationToken cancellationToken)
    {
        if (run.Existing.GetSite(task.Id) is not null)
        {
            run.Report(BenchProgressKind.SiteSkipped, task.Id, siteProcessed: true);
            return;
        }

        var failures = new List<BenchTaskFailure>();
        try
        {
            run.Report(BenchProgressKind.SiteStarted, task.Id);
            await RunSiteAsync(run, task, failures, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.WorkFailed(_logger, task.Id, "site", ex);
            failures.Add(Failure(task.Id, "site", ex));
        }

        if (failures.Count > 0)
        {
            try
            {
                await run.Store.WriteFailuresAsync(task.Id, failures, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                Log.WorkFailed(_logger, task.Id, "recording failures", ex);
            }

            run.Report(BenchProgressKind.SiteFailed, task.Id, message: string.Join("; ", failures.Select(f => $"{f.Stage}: {f.Message}")), siteProcessed: true);
        }
    }

    private async Task RunSiteAsync(RunContext run, BenchTask task, List<BenchTaskFailure> failures, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var done = run.Existing.GetCases(task.Id).Select(c => c.CaseIndex).ToHashSet();
        var hasAppearance = run.Existing.GetAppearance(task.Id) is not null;
        var remaining = task.Cases.Where(c => !done.Contains(c.Index)).ToList();
        var needAppearance = _appearance is not null && !hasAppearance;
        var folder = FindSiteFolder(run.SitesDirectory, task.Id);
        if (folder is null)
        {
            await StartFailedAsync(run, task, null, null, $"no site folder named {task.Id} in '{run.SitesDirectory}'", started, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (remaining.Count == 0 && !needAppearance)
        {
            await CompleteAsync(run, task, folder, null, started, cancellationToken).ConfigureAwait(false);
            return;
        }

        var session = await _sandbox.OpenSessionAsync(new SandboxSessionRequest { WorkspacePath = folder, EpisodeId = "bench-" + task.Id }, cancellationToken).ConfigureAwait(false);
        try
        {
            var start = await session.EnsureRunningAsync(cancellationToken).ConfigureAwait(false);
            if (!start.IsRunning)
            {
                var reason = StartFailureText(start);
                if (done.Count == 0 && !hasAppearance)
                {
                    await StartFailedAsync(run, task, folder, start, reason, started, cancellationToken).ConfigureAwait(false);
                    return;
                }

                // An earlier run evaluated part of this site, so it did start: what is left scores as if it had stopped.
            }

            if (needAppearance)
            {
                await GradeAppearanceAsync(run, task, start, failures, cancellationToken).ConfigureAwait(false);
            }

            var current = start;
            foreach (var testCase in remaining)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!ReferenceEquals(testCase, remaining[0]) || !current.IsRunning)
                {
                    current = await session.EnsureRunningAsync(cancellationToken).ConfigureAwait(false);
                }

                await RunCaseAsync(run, task, testCase, current, failures, cancellationToken).ConfigureAwait(false);
            }

            if (failures.Count == 0)
            {
                await CompleteAsync(run, task, folder, start, started, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            try
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Log.SessionDisposeFailed(_logger, task.Id, ex);
            }
        }
    }

    private async Task GradeAppearanceAsync(RunContext run, BenchTask task, SandboxRunResult start, List<BenchTaskFailure> failures, CancellationToken cancellationToken)
    {
        AppearanceGrade grade;
        if (!start.IsRunning)
        {
            grade = new AppearanceGrade { Grade = 0, CaptureFailure = StartFailureText(start), Analysis = "The site did not start, so its appearance scores 0." };
        }
        else
        {
            try
            {
                grade = await _appearance!.GradeAsync(new AppearanceRequest { SiteUrl = start.Url!, Instruction = task.Instruction, SessionId = $"bench-{task.Id}-appearance" }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                Log.WorkFailed(_logger, task.Id, "appearance", ex);
                failures.Add(Failure(task.Id, "appearance", ex));
                return;
            }
        }

        await run.Store.WriteAppearanceAsync(task.Id, grade, CancellationToken.None).ConfigureAwait(false);
        run.Report(BenchProgressKind.AppearanceGraded, task.Id, appearanceGrade: grade.Grade);
    }

    private async Task RunCaseAsync(RunContext run, BenchTask task, BenchCase testCase, SandboxRunResult site, List<BenchTaskFailure> failures, CancellationToken cancellationToken)
    {
        var stage = "case " + testCase.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var prompt = BenchPrompts.TestCase(testCase, _options.MaxInteractions);
        var startedAt = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        BenchCaseRun outcome;
        if (!site.IsRunning)
        {
            outcome = new BenchCaseRun { Failure = "the site stopped running: " + StartFailureText(site) };
        }
        else
        {
            using var timeout = new CancellationTokenSource(_options.CaseTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                outcome = await _caseAgent.RunCaseAsync(
                    new BenchCaseRequest
                    {
                        SiteUrl = site.Url!,
                        Case = testCase,
                        WebsiteInstruction = task.Instruction,
                        Prompt = prompt,
                        MaxInteractions = _options.MaxInteractions,
                        SessionId = $"bench-{task.Id}-case-{testCase.Index:D2}",
                    },
                    linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // A case that hangs is the site's doing as often as the agent's; the harness scores it like a case with no answer.
                outcome = new BenchCaseRun { Failure = $"the case did not finish within {_options.CaseTimeout}" };
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                Log.WorkFailed(_logger, task.Id, stage, ex);
                failures.Add(Failure(task.Id, stage, ex));
                return;
            }
        }

        var result = new BenchCaseResult
        {
            TaskId = task.Id,
            CaseIndex = testCase.Index,
            Judgement = _caseAgent.Judgement,
            Prompt = prompt,
            FinalAnswer = outcome.FinalAnswer,
            LastMessage = outcome.LastMessage,
            Trajectory = outcome.Trajectory,
            Failure = outcome.Failure,
            Usage = outcome.Usage,
            StartedAt = startedAt,
            Duration = _time.GetElapsedTime(started),
        };
        // The answer is paid for: record it even when a stop was requested meanwhile (a local write is quick).
        await run.Store.WriteCaseAsync(result, CancellationToken.None).ConfigureAwait(false);
        var caseOutcome = BenchScoring.Outcome(result, _options.VerdictMode, out var verdict);
        Log.CaseCompleted(_logger, task.Id, testCase.Index, caseOutcome);
        run.Report(BenchProgressKind.CaseCompleted, task.Id, caseIndex: testCase.Index, verdict: verdict, outcome: caseOutcome, casesDone: 1);
    }

    private async Task StartFailedAsync(RunContext run, BenchTask task, string? folder, SandboxRunResult? start, string reason, long started, CancellationToken cancellationToken)
    {
        Log.SiteStartFailed(_logger, task.Id, reason);
        await run.Store.WriteSiteAsync(
            new BenchSiteResult
            {
                TaskId = task.Id,
                SitePath = folder,
                StartFailed = true,
                StartFailure = reason,
                Sandbox = start,
                CompletedAt = _time.GetUtcNow(),
                Duration = _time.GetElapsedTime(started),
            },
            cancellationToken).ConfigureAwait(false);
        run.Store.DeleteFailures(task.Id);
        var alreadyCounted = run.Existing.GetCases(task.Id).Count(c => c.CaseIndex < task.Cases.Count);
        run.Report(BenchProgressKind.SiteStartFailed, task.Id, message: reason, casesDone: task.Cases.Count - alreadyCounted, siteProcessed: true);
    }

    private async Task CompleteAsync(RunContext run, BenchTask task, string folder, SandboxRunResult? start, long started, CancellationToken cancellationToken)
    {
        await run.Store.WriteSiteAsync(
            new BenchSiteResult
            {
                TaskId = task.Id,
                SitePath = folder,
                Sandbox = start,
                CompletedAt = _time.GetUtcNow(),
                Duration = _time.GetElapsedTime(started),
            },
            cancellationToken).ConfigureAwait(false);
        run.Store.DeleteFailures(task.Id);
        run.Report(BenchProgressKind.SiteCompleted, task.Id, siteProcessed: true);
    }

    private static string StartFailureText(SandboxRunResult result)
    {
        var kind = result.Failure switch
        {
            SandboxFailureKind.None => "the site reported no address",
            SandboxFailureKind.InvalidProject => "the project is invalid",
            SandboxFailureKind.InstallFailed => "installing dependencies failed",
            SandboxFailureKind.StartFailed => "the start command failed",
            SandboxFailureKind.NotReadyInTime => "the server did not answer in time",
            SandboxFailureKind.Crashed => "the server crashed",
            _ => result.Failure.ToString(),
        };
        var detail = result.Start.Detail ?? result.Install.Detail ?? result.FailureExcerpt;
        return string.IsNullOrWhiteSpace(detail) ? kind : $"{kind}: {detail}";
    }

    private BenchTaskFailure Failure(string taskId, string stage, Exception ex)
        => new() { TaskId = taskId, Stage = stage, Message = ex.GetType().Name + ": " + ex.Message, Timestamp = _time.GetUtcNow() };

    /// <summary>State shared by the concurrent site evaluations of one run.</summary>
    private sealed class RunContext(BenchEvaluationRequest request, string sitesDirectory, BenchResultStore store, BenchResults existing, IProgress<BenchProgress>? progress, TimeProvider time, int totalCases)
    {
        private int _completedCases;
        private int _completedTasks;

        public string SitesDirectory { get; } = sitesDirectory;

        public BenchResultStore Store { get; } = store;

        public BenchResults Existing { get; } = existing;

        public int CompletedCases
        {
            get => _completedCases;
            init => _completedCases = value;
        }

        public void Report(BenchProgressKind kind, string taskId, int? caseIndex = null, GuiVerdict? verdict = null, BenchCaseOutcome? outcome = null, int? appearanceGrade = null, string? message = null, int casesDone = 0, bool siteProcessed = false)
        {
            var cases = Interlocked.Add(ref _completedCases, casesDone);
            var tasks = siteProcessed ? Interlocked.Increment(ref _completedTasks) : Volatile.Read(ref _completedTasks);
            progress?.Report(new BenchProgress
            {
                Kind = kind,
                TaskId = taskId,
                CaseIndex = caseIndex,
                Verdict = verdict,
                Outcome = outcome,
                AppearanceGrade = appearanceGrade,
                Message = message is null ? null : Store.Redact(message),
                CompletedTasks = tasks,
                TotalTasks = request.Tasks.Count,
                CompletedCases = cases,
                TotalCases = totalCases,
                Timestamp = time.GetUtcNow(),
            });
        }
    }
}
