using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebGen.Bench;
using WebGen.Training;

namespace WebGen.Samples.StepGrpoRollouts;

/// <summary>
/// Samples one Step-GRPO rollout group (N episodes × at most K steps) for a WebGen-Bench task, writes the trajectories as
/// JSONL and Parquet, and prints every step's reward and advantage.
/// </summary>
internal static class RolloutsProgram
{
    public const string JsonlFile = "trajectories.jsonl";
    public const string ParquetFile = "trajectories.parquet";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? configuration = null, CancellationToken cancellationToken = default)
    {
        var task = new Option<string>("--task") { Description = "The WebGen-Bench task id.", DefaultValueFactory = _ => "000001" };
        var data = new Option<FileInfo?>("--data") { Description = "A WebGen-Bench dataset: test.jsonl, or a Parquet split of the Hugging Face dataset such as the 6,667-task train split (default: the built-in test set)." };
        var groupSize = new Option<int>("--group-size", "-n") { Description = "N: episodes sampled for the task.", DefaultValueFactory = _ => 5 };
        var maxSteps = new Option<int>("--max-steps", "-k") { Description = "K: step budget of each episode.", DefaultValueFactory = _ => 5 };
        var concurrency = new Option<int>("--concurrency") { Description = "Episodes running at once (each installs, starts and browses a site).", DefaultValueFactory = _ => 2 };
        var outDirectory = new Option<string>("--out") { Description = "Where to write trajectories.jsonl, trajectories.parquet and the episodes' run directories.", DefaultValueFactory = _ => "rollouts" };
        foreach (var option in new[] { groupSize, maxSteps, concurrency })
        {
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() < 1)
                {
                    result.AddError($"{option.Name} must be at least 1.");
                }
            });
        }

        var root = new RootCommand("Samples a Step-GRPO rollout group for one WebGen-Bench task and exports it for trainers (JSONL and Parquet).")
        {
            task, data, groupSize, maxSteps, concurrency, outDirectory,
        };
        root.SetAction(async (parse, token) =>
        {
            try
            {
                var options = new RolloutOptions
                {
                    GroupSize = parse.GetValue(groupSize),
                    MaxSteps = parse.GetValue(maxSteps),
                    MaxConcurrency = parse.GetValue(concurrency),
                };
                return await RunAsync(parse.GetValue(task)!, parse.GetValue(data)?.FullName, options, parse.GetValue(outDirectory)!, SampleModels.Load(configuration), output, error, token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                await error.WriteLineAsync("cancelled; the episodes' completed steps are checkpointed in their run directories.");
                return 130;
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or OptionsValidationException or IOException or BenchDatasetException)
            {
                await error.WriteLineAsync("error: " + ex.Message);
                return 2;
            }
        });

        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    private static async Task<int> RunAsync(string taskId, string? dataPath, RolloutOptions options, string outDirectory, IConfiguration configuration, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var dataset = dataPath is null ? await BenchDataset.LoadDefaultAsync(cancellationToken) : await BenchDataset.LoadAsync(dataPath, cancellationToken);
        var task = dataset.Find(taskId)
            ?? throw new ArgumentException($"The task '{taskId}' is not in {dataset.Source} ({dataset.Tasks.Count} tasks, from {dataset.Tasks[0].Id} to {dataset.Tasks[^1].Id}).");

        var root = Path.GetFullPath(outDirectory);
        options.RunsDirectory = Path.Combine(root, "runs");

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        var mode = services.AddWebGenAgent().UseConfiguredParts(configuration);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });

        // One agent runs every episode (the default agent supports concurrent runs); the runner validates the options.
        var runner = new RolloutGroupRunner(
            provider.GetRequiredService<IWebGenAgent>(),
            StepGrpoRewardAdapter.Reference,
            options,
            provider.GetRequiredService<ILogger<RolloutGroupRunner>>());

        var console = TextWriter.Synchronized(output);
        await console.WriteLineAsync(mode);
        await console.WriteLineAsync($"task {task.Id}: {Clip(task.Instruction, 160)}");
        await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"group: {options.GroupSize} episodes × at most {options.MaxSteps} steps, {options.MaxConcurrency} at a time; run directories in {options.RunsDirectory}"));

        var group = await runner.RunAsync(new RolloutRequest { PromptId = task.Id, Instruction = task.Instruction }, new ConsoleProgress(console), cancellationToken);

        Directory.CreateDirectory(root);
        var jsonl = Path.Combine(root, JsonlFile);
        var parquet = Path.Combine(root, ParquetFile);
        await TrajectoryFile.WriteAsync(jsonl, group.Trajectories, cancellationToken: cancellationToken);
        await TrajectoryFile.WriteAsync(parquet, group.Trajectories, cancellationToken: cancellationToken);

        await console.WriteLineAsync();
        await PrintTableAsync(group, console);
        await console.WriteLineAsync();
        var stats = group.Statistics;
        await console.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"group {group.PromptId}: {group.Trajectories.Count} trajectories, {group.Failures.Count} failed; {stats.Count} rewards counted (a shared reward counts once): mean {stats.Mean:0.000}, std {stats.StandardDeviation:0.000}; advantage = (reward − mean) / (std + 1e-6)"));
        foreach (var failure in group.Failures)
        {
            await console.WriteLineAsync($"episode {failure.Index} failed ({failure.RunId}): {failure.Error}");
        }

        if (group.Trajectories.Count > 0 && stats.StandardDeviation == 0)
        {
            await console.WriteLineAsync(
                "All rewards in this group are equal (std 0), so every advantage is exactly 0: the group carries no learning signal."
                + (SampleModels.IsOffline(configuration)
                    ? " That is expected here: the offline demo model is deterministic, so every episode writes the same site and earns the same grades. Use a sampling model (WEBGEN_CODE_ENDPOINT, temperature > 0) for groups whose episodes differ."
                    : " The episodes earned identical grades; sample with a higher temperature or a larger group."));
        }

        await console.WriteLineAsync($"wrote {jsonl}");
        await console.WriteLineAsync($"wrote {parquet}");
        if (group.Trajectories.Count == 0)
        {
            await error.WriteLineAsync("error: every episode failed; see the failures above.");
            return 2;
        }

        return 0;
    }

    private static async Task PrintTableAsync(RolloutGroup group, TextWriter output)
    {
        await output.WriteLineAsync("episode  step  kind        screenshot  GUI  malformed   reward  advantage  note");
        foreach (var trajectory in group.Trajectories)
        {
            var turns = trajectory.Messages.Where(m => m.Role == TrajectoryRole.Assistant && m.Step is not null).ToDictionary(m => m.Step!.Value);
            foreach (var step in trajectory.Steps)
            {
                var turn = turns.GetValueOrDefault(step.Step);
                var note = step.InheritedFromStep is { } source ? $"shares step {source}'s reward" : step.HasError ? "has errors" : "";
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{trajectory.Index,-8} {step.Step,-5} {Kind(step.Kind),-11} {step.ScreenshotGrade,8}/5 {step.GuiGrade,2}/5  {(step.IsMalformed ? "yes" : "no"),-9} {turn?.Reward,8:0.00} {turn?.Advantage,10:0.000}  {note}"));
            }
        }
    }

    private static string Kind(StepKind kind) => kind switch
    {
        StepKind.BadFormat => "bad_format",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string Clip(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    /// <summary>Prints progress as it is reported (synchronously, so lines keep their order).</summary>
    private sealed class ConsoleProgress(TextWriter output) : IProgress<RolloutProgress>
    {
        public void Report(RolloutProgress value)
        {
            var line = value.Kind switch
            {
                RolloutProgressKind.EpisodeStarted => $"episode {value.EpisodeIndex} started ({value.RunId})",
                RolloutProgressKind.StepCompleted when value.Step is { } node =>
                    string.Create(CultureInfo.InvariantCulture, $"episode {value.EpisodeIndex} step {node.Step}: {Kind(node.Kind)}, screenshot {node.ScreenshotGrade}/5, GUI {node.GuiGrade}/5"),
                RolloutProgressKind.EpisodeCompleted => $"episode {value.EpisodeIndex} completed ({value.CompletedEpisodes}/{value.GroupSize})",
                RolloutProgressKind.EpisodeFailed => $"episode {value.EpisodeIndex} failed: {value.Error}",
                _ => null,
            };
            if (line is not null)
            {
                output.WriteLine(line);
            }
        }
    }
}
