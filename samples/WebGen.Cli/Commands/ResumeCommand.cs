using System.CommandLine;

namespace WebGen.Cli;

/// <summary><c>webgen resume RUN_DIR</c>: continues a run from its last completed step.</summary>
internal static class ResumeCommand
{
    public static Command Create(CliContext context)
    {
        var runDirectory = new Argument<DirectoryInfo>("run-dir") { Description = "The run directory of an earlier run." };
        var output = new Option<string?>("--out") { Description = "Where to write the chosen site (default: <run-dir>/site)." };
        var command = new Command("resume", "Continue a run that was stopped; completed steps are not redone.") { runDirectory, output };
        command.SetAction((parse, cancellationToken) => context.GuardAsync(
            () =>
            {
                var dir = parse.GetValue(runDirectory)!;
                if (!File.Exists(Path.Combine(dir.FullName, "run.json")))
                {
                    throw new CliException($"'{dir.FullName}' is not a webgen run directory (run.json is missing).");
                }

                var settings = context.LoadSettings(parse);
                var profile = AgentRunner.ReadProfile(dir.FullName);
                return AgentRunner.RunAsync(
                    context,
                    parse,
                    settings,
                    o => o.Profile = profile, // a run continues with the profile it started with

                    (agent, ct) => agent.ResumeStreamingAsync(dir.FullName, ct),
                    parse.GetValue(output) ?? Path.Combine(dir.FullName, "site"),
                    cancellationToken);
            },
            cancellationToken));
        return command;
    }
}
