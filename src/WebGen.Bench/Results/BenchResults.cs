namespace WebGen.Bench;

/// <summary>
/// The finished records of a results directory, read back: per task the site record, the finished cases,
/// the appearance grade and the last run's unfinished work. Scores are computed from it with <see cref="Summarize"/>.
/// </summary>
public sealed class BenchResults
{
    private readonly IReadOnlyDictionary<string, TaskRecords> _tasks;

    internal BenchResults(string outputDirectory, IReadOnlyDictionary<string, TaskRecords> tasks)
    {
        OutputDirectory = outputDirectory;
        _tasks = tasks;
    }

    /// <summary>The output directory the records were read from.</summary>
    public string OutputDirectory { get; }

    /// <summary>The ids of every task with at least one record.</summary>
    public IReadOnlyCollection<string> TaskIds => [.. _tasks.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Reads the records of an output directory (an empty or missing directory has none).</summary>
    /// <param name="outputDirectory">The evaluator's output directory.</param>
    /// <param name="includeTrajectoryScreenshots">Also load every GUI-agent screenshot (large); appearance screenshots are always loaded.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <exception cref="InvalidOperationException">A record is damaged; the message names the file.</exception>
    public static Task<BenchResults> LoadAsync(string outputDirectory, bool includeTrajectoryScreenshots = false, CancellationToken cancellationToken = default)
        => new BenchResultStore(outputDirectory).LoadAsync(includeTrajectoryScreenshots, cancellationToken);

    /// <summary>The site record of a task; null until the site is finished.</summary>
    /// <param name="taskId">The task id.</param>
    public BenchSiteResult? GetSite(string taskId) => Get(taskId)?.Site;

    /// <summary>The finished cases of a task, by case index.</summary>
    /// <param name="taskId">The task id.</param>
    public IReadOnlyList<BenchCaseResult> GetCases(string taskId) => Get(taskId)?.Cases ?? [];

    /// <summary>The appearance grade of a task's site; null until graded (and for sites that did not start).</summary>
    /// <param name="taskId">The task id.</param>
    public AppearanceGrade? GetAppearance(string taskId) => Get(taskId)?.Appearance;

    /// <summary>Work on the task that the last run could not finish; empty when none.</summary>
    /// <param name="taskId">The task id.</param>
    public IReadOnlyList<BenchTaskFailure> GetFailures(string taskId) => Get(taskId)?.Failures ?? [];

    /// <summary>Computes the benchmark's scores for <paramref name="tasks"/> from these records.</summary>
    /// <param name="tasks">The selected tasks: their cases are the denominator, finished or not.</param>
    /// <param name="mode">How verdicts are read from the agents' answers.</param>
    /// <param name="name">The row name in tables (for example the agent and model).</param>
    /// <param name="timeProvider">The clock for <see cref="BenchSummary.CreatedAt"/>; the system clock when null.</param>
    /// <param name="judgement">
    /// How the run judges cases (its case agent's <see cref="IBenchCaseAgent.Judgement"/>). The summary is a smoke check,
    /// with no accuracy, when this is <see cref="BenchCaseJudgement.Smoke"/> or any recorded case was smoke-checked.
    /// </param>
    public BenchSummary Summarize(IReadOnlyList<BenchTask> tasks, BenchVerdictMode mode = BenchVerdictMode.Exact, string name = "", TimeProvider? timeProvider = null, BenchCaseJudgement judgement = BenchCaseJudgement.Agent)
        => BenchScoring.Summarize(this, tasks, mode, judgement, name, (timeProvider ?? TimeProvider.System).GetUtcNow());

    private TaskRecords? Get(string taskId)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        return _tasks.TryGetValue(taskId, out var records) ? records : null;
    }

    internal sealed record TaskRecords(BenchSiteResult? Site, IReadOnlyList<BenchCaseResult> Cases, AppearanceGrade? Appearance, IReadOnlyList<BenchTaskFailure> Failures);
}
