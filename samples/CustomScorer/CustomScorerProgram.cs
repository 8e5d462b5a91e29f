using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebGen.Samples.BrandColours;
using WebGen.Samples.Caching;
using WebGen.Training;

namespace WebGen.Samples.CustomScorer;

/// <summary>
/// Runs one generation with the brand-colour scorer beside the judge, the brand-aware step selector and a reward
/// adapter with a brand term, then prints per step the grades, the brand score, the selection value and the reward.
/// </summary>
internal static class CustomScorerProgram
{
    public const string DefaultInstruction =
        "Please implement a website for a neighbourhood bakery that shows its breads and cakes and lets customers place an order for pick-up. "
        + "Set the background color to ivory and the component color to chocolate.";

    /// <summary>Grade points that a full brand score is worth, in selection and in rewards.</summary>
    public const double DefaultBrandWeight = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? configuration = null, CancellationToken cancellationToken = default)
    {
        var instruction = new Argument<string>("instruction") { Description = "The website to build.", DefaultValueFactory = _ => DefaultInstruction };
        var runs = new Option<string?>("--runs") { Description = "The folder for run directories (default: ./runs or WebGen:Agent:RunsDirectory)." };
        var maxIterations = new Option<int?>("--max-iterations") { Description = "Most code-model steps (default: WebGen:Agent:MaxIterations, 20)." };
        var brandWeight = new Option<double>("--brand-weight") { Description = "Grade points a full brand score is worth in selection and rewards.", DefaultValueFactory = _ => DefaultBrandWeight };
        var root = new RootCommand("Runs one generation with a custom screenshot scorer (brand colours present), a step selector that weighs it and a reward term for it.")
        {
            instruction, runs, maxIterations, brandWeight,
        };
        root.SetAction(async (parse, token) =>
        {
            try
            {
                return await RunAsync(
                    parse.GetValue(instruction) ?? DefaultInstruction,
                    parse.GetValue(runs),
                    parse.GetValue(maxIterations),
                    parse.GetValue(brandWeight),
                    SampleModels.Load(configuration),
                    output,
                    error,
                    token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                await error.WriteLineAsync("cancelled; the completed steps are checkpointed in the run directory.");
                return 130;
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or OptionsValidationException or IOException)
            {
                await error.WriteLineAsync("error: " + ex.Message);
                return 2;
            }
        });

        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    private static async Task<int> RunAsync(string instruction, string? runs, int? maxIterations, double brandWeight, Microsoft.Extensions.Configuration.IConfiguration configuration, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(instruction))
        {
            throw new ArgumentException("The instruction is empty; describe the website to build.");
        }

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        var selector = new BrandAwareStepSelector(brandWeight);
        var agent = services.AddWebGenAgent();
        var mode = agent.UseConfiguredParts(configuration);

        // The three extension points this sample is about: a scorer beside the pre-checks and the judge, a selector that
        // weighs its score, and a reward adapter that adds it to the Step-GRPO rewards.
        agent.UseScreenshotScorer(new BrandColourScorer())
            .UseStepSelector(selector)
            .UseRewardAdapter(new CompositeStepRewardAdapter(
                StepGrpoRewardAdapter.Reference,
                StepRewardTerms.FromScore(BrandColourScorer.ScoreName, weight: brandWeight)));

        // A fourth: a decorator around the configured judge (not a replacement) that answers repeated screenshots from memory.
        CachingScreenshotJudge? cache = null;
        agent.Use<IScreenshotJudge>((judge, _) => cache = new CachingScreenshotJudge(judge));
        if (runs is not null)
        {
            agent.Configure(o => o.RunsDirectory = runs);
        }

        await output.WriteLineAsync(mode);
        var brands = ColourNames.FindIn(instruction);
        await output.WriteLineAsync("brand colours: " + (brands.Count == 0 ? "none named in the instruction" : string.Join(", ", brands)));

        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
        var webGen = provider.GetRequiredService<IWebGenAgent>();
        WebGenResult? result = null;
        await foreach (var e in webGen.RunStreamingAsync(new WebGenRequest { Instruction = instruction, MaxIterations = maxIterations }, cancellationToken))
        {
            switch (e)
            {
                case RunStartedEvent started:
                    await output.WriteLineAsync("run:   " + started.RunDirectory);
                    break;
                case StepCompletedEvent completed:
                    var node = completed.Record.Node;
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"step {node.Step} done: {node.Kind}, screenshot {node.ScreenshotGrade}/5, GUI {node.GuiGrade}/5{(node.HasError ? ", has errors" : "")}"));
                    break;
                case BacktrackedEvent backtracked:
                    await output.WriteLineAsync($"backtracked to {(backtracked.ToStep is { } to ? "step " + to : "scratch")}: {backtracked.Reason}");
                    break;
                case RunCompletedEvent done:
                    result = done.Result;
                    break;
            }
        }

        if (result is null || result.Steps.Count == 0)
        {
            await error.WriteLineAsync("error: no step completed (" + (result?.StopReason.ToString() ?? "no result") + "); see the warnings above and the run directory.");
            return 2;
        }

        var rewards = provider.GetRequiredService<IStepRewardAdapter>().ComputeRewards(result.Steps);
        await output.WriteLineAsync();
        await output.WriteLineAsync("step  kind      screenshot  GUI  brand  value   reward");
        for (var i = 0; i < result.Steps.Count; i++)
        {
            var node = result.Steps[i].Node;
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{node.Step,-5} {node.Kind,-9} {node.ScreenshotGrade,6}/5 {node.GuiGrade,4}/5 {selector.BrandScore(node),6:0.00} {selector.Value(node),6:0.00} {rewards[i].Value,8:0.00}"));
        }

        await output.WriteLineAsync("(value = GUI + screenshot + brand weight × brand: what the brand-aware selector ranks by)");
        foreach (var (step, reward) in result.Steps.Zip(rewards))
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync($"step {step.Node.Step} ({step.Node.Kind})");
            if (step.Judgement is { } judgement)
            {
                await output.WriteLineAsync("  grade:  " + judgement.GradeReason);
            }

            if (step.GuiTest is { } gui)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  GUI:    {gui.Verdict}, grade {gui.Grade}/5 {gui.Suggestions}").TrimEnd());
            }

            var brand = step.Node.Scores.FirstOrDefault(s => s.Name == BrandColourScorer.ScoreName);
            if (brand is not null && step.Node.Kind == StepKind.Code)
            {
                await output.WriteLineAsync("  brand:  " + brand.Reason);
            }

            foreach (var problem in step.Node.Errors)
            {
                await output.WriteLineAsync("  error:  " + problem);
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  reward: {reward.Value:0.00} = {reward.Reason}"));
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("selected: " + (string.IsNullOrEmpty(result.SelectionReason) ? "step " + result.Chosen?.Step : result.SelectionReason));
        await output.WriteLineAsync("run:      " + result.RunDirectory);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"judge:    {cache?.Calls ?? 0} screenshots judged, {cache?.Hits ?? 0} answered from the cache"));
        if (SampleModels.IsOffline(configuration))
        {
            await output.WriteLineAsync("This run used the offline demo model; its grades come from the deterministic checks, not from a VLM.");
        }

        return 0;
    }
}
