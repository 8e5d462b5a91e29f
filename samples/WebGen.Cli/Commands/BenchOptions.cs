using System.CommandLine;
using WebGen.Bench;

namespace WebGen.Cli;

/// <summary>Options shared by <c>bench</c> and <c>eval</c>, and the evaluation phase they share.</summary>
internal static class BenchOptions
{
    public static Option<FileInfo?> Data() => new("--data") { Description = "The WebGen-Bench test.jsonl (default: data/webgen-bench/test.jsonl here or in a shared/ folder above)." };

    public static Option<string?> Tasks() => new("--tasks") { Description = "Task ids to run, e.g. 1-10,42 (default: all)." };

    public static Option<int> Concurrency() => new("--concurrency") { Description = "Sites generated or evaluated at once.", DefaultValueFactory = _ => 2 };

    public static Option<BenchVerdictMode> Verdict() => new("--verdict") { Description = "exact (the final answer line, default) or reference (the harness's substring rule).", DefaultValueFactory = _ => BenchVerdictMode.Exact };

    public static async Task<(BenchDataset Dataset, IReadOnlyList<BenchTask> Tasks)> LoadAsync(FileInfo? data, string? selection, CancellationToken cancellationToken)
    {
        var path = data?.FullName ?? BenchDataset.FindDefaultPath() ?? throw new CliException("The WebGen-Bench dataset was not found; pass --data PATH (WebGen-Bench's test.jsonl).");
        if (!File.Exists(path))
        {
            throw new CliException($"The dataset '{path}' does not exist.");
        }

        var dataset = await BenchDataset.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<BenchTask> tasks;
        try
        {
            tasks = dataset.Select(selection);
        }
        catch (ArgumentException ex)
        {
            throw new CliException("--tasks: " + ex.Message.Split(" (Parameter", 2)[0]);
        }

        if (tasks.Count == 0)
        {
            throw new CliException("--tasks selects no task.");
        }

        return (dataset, tasks);
    }

    public static async Task<BenchSummary> EvaluateAsync(CliContext context, CliPipeline pipeline, IReadOnlyList<BenchTask> tasks, string sitesDirectory, string outputDirectory, int concurrency, BenchVerdictMode verdict, CancellationToken cancellationToken)
    {
        var (caseAgent, grader) = pipeline.CreateBenchParts();
        if (pipeline.IsOffline)
        {
            await context.Out.WriteLineAsync("offline: test cases run with the smoke GUI tester and appearance is not graded; these scores are NOT comparable with published WebGen-Bench numbers.").ConfigureAwait(false);
        }

        var evaluator = new BenchEvaluator(pipeline.Sandbox, caseAgent, grader, new BenchEvaluatorOptions { MaxConcurrentSites = concurrency, VerdictMode = verdict, SecretRedactor = pipeline.SecretRedactor });
        var summary = await evaluator.EvaluateAsync(
            new BenchEvaluationRequest { Tasks = tasks, SitesDirectory = sitesDirectory, OutputDirectory = outputDirectory, Name = pipeline.IsOffline ? "offline demo" : pipeline.Settings.Code.Model ?? "" },
            new Progress(context.Out),
            cancellationToken).ConfigureAwait(false);
        await context.Out.WriteLineAsync().ConfigureAwait(false);
        await context.Out.WriteLineAsync(BenchMarkdownTable.RenderReport(summary)).ConfigureAwait(false);
        await context.Out.WriteLineAsync("results: " + Path.GetFullPath(outputDirectory)).ConfigureAwait(false);
        return summary;
    }

    /// <summary>Prints benchmark progress synchronously (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    internal sealed class Progress(TextWriter output) : IProgress<BenchProgress>
    {
        public void Report(BenchProgress value)
        {
            var detail = value.Kind switch
            {
                BenchProgressKind.CaseCompleted => $"case {value.CaseIndex} {value.Verdict?.ToString().ToUpperInvariant()}",
                BenchProgressKind.AppearanceGraded => $"appearance {value.AppearanceGrade}/5",
                _ => value.Kind.ToString(),
            };
            lock (output)
            {
                output.WriteLine($"[{value.Timestamp:HH:mm:ss}] task {value.TaskId}: {detail}" + (value.Message is { Length: > 0 } m ? " — " + m : "") +
                    (value.TotalCases > 0 ? $"  ({value.CompletedCases}/{value.TotalCases} cases, {value.CompletedTasks}/{value.TotalTasks} tasks)" : $"  ({value.CompletedTasks}/{value.TotalTasks} tasks)"));
            }
        }
    }
}
