using System.CommandLine;
using WebGen.Bench;

namespace WebGen.Cli;

/// <summary><c>webgen bench</c>: generates sites for WebGen-Bench tasks, then evaluates them. Resumable.</summary>
internal static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var data = BenchOptions.Data();
        var tasks = BenchOptions.Tasks();
        var concurrency = BenchOptions.Concurrency();
        var verdict = BenchOptions.Verdict();
        var output = new Option<string>("--out") { Description = "Output folder (sites, runs, results); rerunning with the same folder skips finished work.", DefaultValueFactory = _ => "bench-out" };
        var maxIterations = new Option<int?>("--max-iterations") { Description = "Most code-model steps per task (default 20)." };
        var profile = AgentRunner.ProfileOption();
        var cluster = ClusterAddress.Option();
        var clusterId = ClusterAddress.IdOption();
        var command = new Command("bench", "Generate sites for WebGen-Bench tasks and evaluate them (accuracy, appearance, per-category tables).")
        {
            data, tasks, concurrency, output, maxIterations, verdict, profile, cluster, clusterId,
        };
        command.SetAction((parse, cancellationToken) => context.GuardAsync(
            async () =>
            {
                var (_, selected) = await BenchOptions.LoadAsync(parse.GetValue(data), parse.GetValue(tasks), cancellationToken).ConfigureAwait(false);
                var settings = context.LoadSettings(parse);
                var outDir = Path.GetFullPath(parse.GetValue(output)!);
                var parallel = Math.Max(1, parse.GetValue(concurrency));
                await context.Out.WriteLineAsync(settings.IsOffline ? AgentRunner.OfflineNotice : $"code model: {settings.Code.Describe()}").ConfigureAwait(false);
                await context.Out.WriteLineAsync($"{selected.Count} task(s), {selected.Sum(t => t.Cases.Count)} case(s) → {outDir}").ConfigureAwait(false);

                var chosenProfile = parse.GetValue(profile);
                await using var pipeline = CliPipeline.Create(
                    settings,
                    o =>
                    {
                        o.RunsDirectory = Path.Combine(outDir, "runs");
                        if (chosenProfile is { } p)
                        {
                            o.Profile = p;
                        }
                    },
                    context.Error);
                await pipeline.CheckEndpointsAsync(cancellationToken).ConfigureAwait(false);

                // On a cluster the workers generate (--concurrency tasks at once, queued for free slots); evaluation stays here.
                await using var connection = ClusterTarget.From(parse.GetValue(cluster), parse.GetValue(clusterId)) is { } target
                    ? await target.ConnectAsync(pipeline, context.Out, cancellationToken).ConfigureAwait(false)
                    : null;
                var agent = connection?.Agent ?? pipeline.Agent;
                var generationOptions = new BenchGenerationOptions { MaxConcurrentTasks = parallel, MaxIterations = parse.GetValue(maxIterations) };
                foreach (var (key, value) in GenerateCommand.Labels(settings))
                {
                    generationOptions.Labels[key] = value;
                }

                var generator = new BenchSiteGenerator(_ => agent, generationOptions);
                var generation = await generator.GenerateAsync(selected, outDir, new BenchOptions.Progress(context.Out), cancellationToken).ConfigureAwait(false);
                await context.Out.WriteLineAsync($"generation: {generation.Generated.Count} generated, {generation.Skipped.Count} already done, {generation.Failures.Count} failed").ConfigureAwait(false);
                foreach (var failure in generation.Failures)
                {
                    await context.Error.WriteLineAsync($"warning: task {failure.TaskId} was not generated: {failure.Message}").ConfigureAwait(false);
                }

                await BenchOptions.EvaluateAsync(context, pipeline, selected, BenchSiteGenerator.SitesDirectory(outDir), Path.Combine(outDir, "results"), parallel, parse.GetValue(verdict), cancellationToken).ConfigureAwait(false);
                return 0;
            },
            cancellationToken));
        return command;
    }
}
