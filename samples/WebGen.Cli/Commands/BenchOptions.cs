using System.CommandLine;
using WebGen.Bench;

namespace WebGen.Cli;

/// <summary>Options shared by <c>bench</c> and <c>eval</c>, and the evaluation phase they share.</summary>
internal static class BenchOptions
{
    public static Option<FileInfo?> Data() => new("--data") { Description = "A WebGen-Bench dataset: test.jsonl or a Parquet split of the Hugging Face dataset (default: the built-in test set, 101 tasks)." };

    public static Option<string?> Tasks() => new("--tasks") { Description = "Task ids to run, e.g. 1-10,42 (default: all)." };

    public static Option<int> Concurrency() => new("--concurrency") { Description = "Sites generated or evaluated at once.", DefaultValueFactory = _ => 2 };

    public static Option<BenchVerdictMode> Verdict() => new("--verdict") { Description = "exact (the final answer line, default) or reference (the harness's substring rule).", DefaultValueFactory = _ => BenchVerdictMode.Exact };

    public static async Task<(BenchDataset Dataset, IReadOnlyList<BenchTask> Tasks)> LoadAsync(FileInfo? data, string? selection, CancellationToken cancellationToken)
    {
        if (data is { Exists: false })
        {
            throw new CliException($"The dataset '{data.FullName}' does not exist.");
        }

        var dataset = data is null
            ? await BenchDataset.LoadDefaultAsync(cancellationToken).ConfigureAwait(false)
            : await BenchDataset.LoadAsync(data.FullName, cancellationToken).ConfigureAwait(false);
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

        // Checked before any site is generated: evaluation needs test cases, and training-split tasks have none.
        var noCases = tasks.Where(t => t.Cases.Count == 0).Select(t => t.Id).ToList();
        if (noCases.Count > 0)
        {
            throw new CliException($"{noCases.Count} selected task(s) have no UI test cases to evaluate ({string.Join(", ", noCases.Take(5))}{(noCases.Count > 5 ? ", …" : "")}); select tasks of the test set.");
        }

        return (dataset, tasks);
    }

    public static async Task<BenchSummary> EvaluateAsync(CliContext context, CliPipeline pipeline, IReadOnlyList<BenchTask> tasks, string sitesDirectory, string outputDirectory, int concurrency, BenchVerdictMode verdict, CancellationToken cancellationToken)
    {
        var (caseAgent, grader) = pipeline.CreateBenchParts();
        if (pipeline.IsOffline)
        {
            await context.Out.WriteLineAsync("offline: test cases are smoke-checked (the page works: no errors while clicking), not judged, so accuracy is not evaluated; appearance is not graded. Configure a model endpoint to measure accuracy.").ConfigureAwait(false);
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

    private static string DescribeCase(BenchProgress value) => value.Outcome switch
    {
        BenchCaseOutcome.SmokePassed => "smoke check passed",
        BenchCaseOutcome.SmokeFailed => "smoke check failed",
        { } judged => judged.ToString().ToUpperInvariant() + (value.Verdict == GuiVerdict.Unknown ? " (no verdict could be read)" : ""),
        null => "",
    };

    /// <summary>Prints benchmark progress synchronously (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    internal sealed class Progress(TextWriter output) : IProgress<BenchProgress>
    {
        public void Report(BenchProgress value)
        {
            var detail = value.Kind switch
            {
                BenchProgressKind.CaseCompleted => $"case {value.CaseIndex} {DescribeCase(value)}",
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
