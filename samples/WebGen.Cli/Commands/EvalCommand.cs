using System.CommandLine;

namespace WebGen.Cli;

/// <summary><c>webgen eval --sites DIR</c>: evaluates sites made by any tool (one folder per task id).</summary>
internal static class EvalCommand
{
    public static Command Create(CliContext context)
    {
        var sites = new Option<DirectoryInfo>("--sites") { Description = "A folder holding one site folder per task id (000001 or 1).", Required = true };
        var data = BenchOptions.Data();
        var tasks = BenchOptions.Tasks();
        var concurrency = BenchOptions.Concurrency();
        var verdict = BenchOptions.Verdict();
        var output = new Option<string>("--out") { Description = "Results folder; rerunning with the same folder skips finished cases.", DefaultValueFactory = _ => "eval-out" };
        var command = new Command("eval", "Evaluate existing sites on WebGen-Bench (for example Bolt.diy's or your own agent's output).")
        {
            sites, data, tasks, concurrency, output, verdict,
        };
        command.SetAction((parse, cancellationToken) => context.GuardAsync(
            async () =>
            {
                var sitesDir = parse.GetValue(sites)!;
                if (!sitesDir.Exists)
                {
                    throw new CliException($"--sites: '{sitesDir.FullName}' does not exist.");
                }

                var (_, selected) = await BenchOptions.LoadAsync(parse.GetValue(data), parse.GetValue(tasks), cancellationToken).ConfigureAwait(false);
                var settings = context.LoadSettings(parse);
                await using var pipeline = CliPipeline.Create(settings, null, context.Error);
                await pipeline.CheckEndpointsAsync(cancellationToken).ConfigureAwait(false);
                await BenchOptions.EvaluateAsync(context, pipeline, selected, sitesDir.FullName, Path.GetFullPath(parse.GetValue(output)!), Math.Max(1, parse.GetValue(concurrency)), parse.GetValue(verdict), cancellationToken).ConfigureAwait(false);
                return 0;
            },
            cancellationToken));
        return command;
    }
}
