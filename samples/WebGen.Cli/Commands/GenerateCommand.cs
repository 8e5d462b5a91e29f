using System.CommandLine;

namespace WebGen.Cli;

/// <summary><c>webgen generate "instruction"</c>: runs the agent end to end.</summary>
internal static class GenerateCommand
{
    public static Command Create(CliContext context)
    {
        var instruction = new Argument<string>("instruction") { Description = "The website to build, in plain language." };
        var output = new Option<string>("--out") { Description = "Where to write the chosen site.", DefaultValueFactory = _ => "site" };
        var runs = new Option<string?>("--runs") { Description = "The folder that holds run directories (default: ./runs or WebGen:Agent:RunsDirectory)." };
        var runId = new Option<string?>("--run-id") { Description = "The run id (letters, digits, '-', '_'); generated when omitted." };
        var maxIterations = new Option<int?>("--max-iterations") { Description = "Most code-model steps (default 20)." };
        var profile = AgentRunner.ProfileOption();
        var cluster = ClusterAddress.Option();
        var clusterId = ClusterAddress.IdOption();
        var command = new Command("generate", "Generate a website end to end: write, run, screenshot, judge, GUI-test, fix; leaves the chosen site, the run directory and report.html.")
        {
            instruction, output, runs, runId, maxIterations, profile, cluster, clusterId,
        };
        command.SetAction((parse, cancellationToken) => context.GuardAsync(
            () =>
            {
                var settings = context.LoadSettings(parse);
                var request = new WebGenRequest
                {
                    Instruction = parse.GetValue(instruction) ?? "",
                    RunId = parse.GetValue(runId),
                    MaxIterations = parse.GetValue(maxIterations),
                    Labels = Labels(settings),
                };
                var runsDirectory = parse.GetValue(runs);
                var chosenProfile = parse.GetValue(profile);
                return AgentRunner.RunAsync(
                    context,
                    parse,
                    settings,
                    o =>
                    {
                        if (runsDirectory is not null)
                        {
                            o.RunsDirectory = runsDirectory;
                        }

                        if (chosenProfile is { } p)
                        {
                            o.Profile = p;
                        }
                    },
                    (agent, ct) => agent.RunStreamingAsync(request, ct),
                    parse.GetValue(output),
                    cancellationToken,
                    ClusterTarget.From(parse.GetValue(cluster), parse.GetValue(clusterId)));
            },
            cancellationToken));
        return command;
    }

    public static IReadOnlyDictionary<string, string> Labels(CliSettings settings)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [HtmlRunReport.ModeLabel] = settings.IsOffline ? "offline" : "online",
            ["code-model"] = settings.IsOffline ? OfflineDemoChatClient.ModelId : settings.Code.Model ?? "",
        };
        if (!settings.IsOffline)
        {
            labels["vision-model"] = (settings.Vision.IsConfigured ? settings.Vision : settings.Code).Model ?? "";
            labels["feedback-model"] = (settings.Feedback.IsConfigured ? settings.Feedback : settings.Code).Model ?? "";
        }

        return labels;
    }
}
