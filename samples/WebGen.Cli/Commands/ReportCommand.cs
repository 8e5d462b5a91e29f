using System.CommandLine;

namespace WebGen.Cli;

/// <summary><c>webgen report RUN_DIR</c>: renders report.html for a run (finished or not).</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var runDirectory = new Argument<DirectoryInfo>("run-dir") { Description = "The run directory." };
        var command = new Command("report", "Write report.html for a run directory.") { runDirectory };
        command.SetAction((parse, cancellationToken) => context.GuardAsync(
            async () =>
            {
                var dir = parse.GetValue(runDirectory)!;
                if (!File.Exists(Path.Combine(dir.FullName, "run.json")))
                {
                    throw new CliException($"'{dir.FullName}' is not a webgen run directory (run.json is missing).");
                }

                var path = await HtmlRunReport.WriteAsync(dir.FullName, cancellationToken).ConfigureAwait(false);
                await context.Out.WriteLineAsync("report: " + path).ConfigureAwait(false);
                return 0;
            },
            cancellationToken));
        return command;
    }
}
