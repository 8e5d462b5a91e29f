using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WebGen.Bench;

/// <summary>
/// The generation phase of a benchmark run: for each selected task an agent builds the site from the task's
/// instruction, and the chosen step's files are copied to <c>&lt;out&gt;/sites/&lt;task&gt;</c> for the evaluator.
/// Agent runs live in <c>&lt;out&gt;/runs/&lt;task&gt;</c>; a task is done once <c>&lt;out&gt;/generation/&lt;task&gt;.json</c>
/// is written (after its site folder is complete). A rerun skips done tasks and resumes interrupted agent runs
/// from their last checkpointed step. At most <see cref="BenchGenerationOptions.MaxConcurrentTasks"/> tasks run
/// at once; a failed task is recorded and never stops the batch.
/// </summary>
public sealed class BenchSiteGenerator
{
    private readonly Func<BenchTask, IWebGenAgent> _agentFactory;
    private readonly BenchGenerationOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>Creates the generator.</summary>
    /// <param name="agentFactory">Gives the agent for a task (one shared agent or one per task; the generator does not dispose it).</param>
    /// <param name="options">Options; defaults when null. Invalid options throw <see cref="ArgumentException"/>.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    public BenchSiteGenerator(Func<BenchTask, IWebGenAgent> agentFactory, BenchGenerationOptions? options = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(agentFactory);
        _agentFactory = agentFactory;
        _options = options ?? new BenchGenerationOptions();
        BenchOptionsValidator.ThrowIfInvalid(_options);
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<BenchSiteGenerator>();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The sites folder of an output directory (<c>&lt;out&gt;/sites</c>).</summary>
    /// <param name="outputDirectory">The benchmark output directory.</param>
    public static string SitesDirectory(string outputDirectory) => Path.Combine(Path.GetFullPath(outputDirectory), "sites");

    /// <summary>Generates the sites of <paramref name="tasks"/> that are not generated yet.</summary>
    /// <param name="tasks">The selected tasks.</param>
    /// <param name="outputDirectory">The benchmark output directory; a rerun with the same directory resumes.</param>
    /// <param name="progress">Receives progress reports; may be null.</param>
    /// <param name="cancellationToken">Stops generation; finished sites and checkpointed agent steps stay.</param>
    public async Task<BenchGenerationReport> GenerateAsync(IReadOnlyList<BenchTask> tasks, string outputDirectory, IProgress<BenchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        var root = Path.GetFullPath(outputDirectory);
        var sites = SitesDirectory(root);
        Directory.CreateDirectory(sites);
        RemoveLeftovers(sites);
        Log.GenerationStarted(_logger, tasks.Count, root);

        var generated = new ConcurrentBag<string>();
        var skipped = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<BenchTaskFailure>();
        var processed = 0;
        void Report(BenchProgressKind kind, string taskId, string? message = null, bool done = false)
        {
            var count = done ? Interlocked.Increment(ref processed) : Volatile.Read(ref processed);
            progress?.Report(new BenchProgress { Kind = kind, TaskId = taskId, Message = message, CompletedTasks = count, TotalTasks = tasks.Count, Timestamp = _time.GetUtcNow() });
        }

        await Parallel.ForEachAsync(
            tasks,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentTasks, CancellationToken = cancellationToken },
            async (task, token) =>
            {
                var recordPath = RecordPath(root, task.Id);
                if (File.Exists(recordPath) && Directory.Exists(Path.Combine(sites, task.Id)))
                {
                    skipped.Add(task.Id);
                    Report(BenchProgressKind.GenerationSkipped, task.Id, done: true);
                    return;
                }

                Report(BenchProgressKind.GenerationStarted, task.Id);
                try
                {
                    await GenerateOneAsync(task, root, sites, token).ConfigureAwait(false);
                    generated.Add(task.Id);
                    Report(BenchProgressKind.GenerationCompleted, task.Id, done: true);
                }
                catch (Exception ex) when (!token.IsCancellationRequested)
                {
                    Log.GenerationFailed(_logger, task.Id, ex);
                    failures.Add(new BenchTaskFailure { TaskId = task.Id, Stage = "generation", Message = ex.GetType().Name + ": " + ex.Message, Timestamp = _time.GetUtcNow() });
                    Report(BenchProgressKind.GenerationFailed, task.Id, ex.Message, done: true);
                }
            }).ConfigureAwait(false);

        var order = tasks.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        return new BenchGenerationReport
        {
            SitesDirectory = sites,
            Generated = [.. generated.OrderBy(id => order[id])],
            Skipped = [.. skipped.OrderBy(id => order[id])],
            Failures = [.. failures.OrderBy(f => order[f.TaskId])],
        };
    }

    private static string RecordPath(string root, string taskId) => Path.Combine(root, "generation", taskId + ".json");

    private static void RemoveLeftovers(string sites)
    {
        foreach (var dir in Directory.EnumerateDirectories(sites).Where(d => Path.GetFileName(d).Contains(".tmp-", StringComparison.Ordinal)).ToList())
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private async Task GenerateOneAsync(BenchTask task, string root, string sites, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var agent = _agentFactory(task) ?? throw new InvalidOperationException($"The agent factory returned no agent for task {task.Id}.");
        var runDirectory = Path.Combine(root, "runs", task.Id);
        WebGenResult result;
        if (File.Exists(Path.Combine(runDirectory, "run.json")))
        {
            // An earlier run was interrupted: continue from its last checkpointed step instead of starting over.
            result = await agent.ResumeAsync(runDirectory, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var labels = new Dictionary<string, string>(_options.Labels, StringComparer.Ordinal) { ["webgen-bench.task"] = task.Id };
            result = await agent.RunAsync(
                new WebGenRequest
                {
                    Instruction = task.Instruction,
                    RunId = RunId(task.Id),
                    RunDirectory = runDirectory,
                    MaxIterations = _options.MaxIterations,
                    Labels = labels,
                },
                cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await HtmlRunReport.WriteAsync(result.RunDirectory, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            // The report is a convenience; an agent with its own run-directory layout still yields a site.
            Log.RunReportFailed(_logger, task.Id, ex);
        }

        var site = Path.Combine(sites, task.Id);
        var temp = BenchJson.TempName(site);
        try
        {
            Directory.CreateDirectory(temp);
            var tempRoot = Path.GetFullPath(temp) + Path.DirectorySeparatorChar;
            foreach (var file in result.Files)
            {
                var target = Path.GetFullPath(Path.Combine(temp, file.Path));
                if (!target.StartsWith(tempRoot, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"The generated file path '{file.Path}' points outside the site folder.");
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await File.WriteAllTextAsync(target, file.Content, cancellationToken).ConfigureAwait(false);
            }

            if (Directory.Exists(site))
            {
                Directory.Delete(site, recursive: true);
            }

            Directory.Move(temp, site);
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }

        await BenchJson.WriteAsync(
            RecordPath(root, task.Id),
            new BenchGenerationRecord
            {
                TaskId = task.Id,
                RunId = result.RunId,
                RunDirectory = result.RunDirectory,
                SitePath = site,
                StopReason = result.StopReason,
                ChosenStep = result.Chosen?.Step,
                Steps = result.Steps.Count,
                Files = result.Files.Count,
                Usage = result.Usage,
                CompletedAt = _time.GetUtcNow(),
                Duration = _time.GetElapsedTime(started),
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static string RunId(string taskId)
        => "bench-" + new string([.. taskId.Take(90).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
}
