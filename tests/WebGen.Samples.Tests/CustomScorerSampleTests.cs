using System.Globalization;
using System.Text.RegularExpressions;
using WebGen.Samples.BrandColours;
using WebGen.Samples.CustomScorer;
using WebGen.Testing;
using WebGen.Training;

namespace WebGen.Samples.Tests;

public sealed partial class CustomScorerSampleTests
{
    private const string PaletteArtifact = "<boltArtifact id=\"palette\"";

    [Test]
    public async Task Offline_run_prints_grades_brand_scores_selection_and_rewards_that_match_the_run()
    {
        using var temp = new TempDirectory();

        var outcome = await Samples.RunAsync((o, e) => CustomScorerProgram.RunAsync([], o, e, Samples.Offline(temp.Combine("runs"))), "CustomScorer");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
        Assert.That(outcome.Out, Does.Contain("running OFFLINE"));
        Assert.That(outcome.Out, Does.Contain("brand colours: ivory (#fffff0), chocolate (#d2691e)"));

        var checkpoint = await RunCheckpoint.LoadAsync(Directory.GetDirectories(temp.Combine("runs")).Single());
        var steps = checkpoint.Steps;
        var code = steps.First(s => s.Node.Kind == StepKind.Code && s.Capture?.Succeeded == true);
        Assert.That(code.Node.Scores.Select(s => s.Name), Does.Contain(BrandColourScorer.ScoreName).And.Contain("blank-page"), "the brand scorer runs beside the pre-checks");
        var brand = code.Node.Scores.Single(s => s.Name == BrandColourScorer.ScoreName);
        Assert.That(brand.Value, Is.EqualTo(1), "the demo paints the instruction's ivory and chocolate: " + brand.Reason);
        Assert.That(brand.Reason, Does.Match(@"ivory \(#fffff0\) covers \d+\.\d% of the pixels; chocolate \(#d2691e\) covers \d+\.\d% of the pixels"));
        Assert.That(outcome.Out, Does.Contain("brand:  " + brand.Reason));

        AssertTable(outcome.Out, steps);
        Assert.That(outcome.Out, Does.Contain("+ brand-colours 2×1"));
        var chosen = checkpoint.Result!.Chosen!;
        Assert.That(checkpoint.Result.SelectionReason, Does.StartWith($"step {chosen.Step}: GUI {chosen.GuiGrade} + screenshot {chosen.ScreenshotGrade} + 2 × brand 1.00"));
        Assert.That(outcome.Out, Does.Contain("selected: " + checkpoint.Result.SelectionReason));
    }

    [Test]
    public async Task With_scripted_models_the_brand_aware_selector_keeps_the_step_with_the_brand_colours()
    {
        using var temp = new TempDirectory();
        const string Instruction = "Please implement a website for a tea room that lists its teas and takes table bookings. Set the background color to ivory and the component color to chocolate.";
        await using var server = await OpenAICompatibleServer.StartAsync(call => ScriptedReply.Text(Answer(call)));
        var configuration = Samples.Offline(temp.Combine("runs"));
        configuration["WebGen:Models:Code:Endpoint"] = server.BaseUrl.ToString();
        configuration["WebGen:Models:Code:Model"] = "scripted-coder";
        configuration["WebGen:Models:Code:ApiKey"] = "sk-test";
        configuration["WebGen:Resilience:MaxRetryAttempts"] = "0";

        var outcome = await Samples.RunAsync((o, e) => CustomScorerProgram.RunAsync([Instruction, "--max-iterations", "8"], o, e, configuration), "CustomScorer (scripted)");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
        Assert.That(outcome.Out, Does.Contain("code model: scripted-coder"));
        var checkpoint = await RunCheckpoint.LoadAsync(Directory.GetDirectories(temp.Combine("runs")).Single());
        var steps = checkpoint.Steps;

        // The script writes the site in the brand colours, then switches it to silver and navy, then finishes; both versions
        // are graded 4. (On a very busy machine a step may fail and be retried, so the steps are found by what they are.)
        var graded = steps.Where(s => s.Node.Kind == StepKind.Code && s.Node.ScreenshotGrade == 4).ToList();
        var branded = graded.First(s => Brand(s) == 1);
        Assert.That(graded.Where(s => s.Node.Step > branded.Node.Step).Select(Brand), Is.Not.Empty.And.All.LessThan(1), "the later site lacks chocolate");
        Assert.That(steps[^1].Node.Kind, Is.EqualTo(StepKind.Finish));
        Assert.That(branded.Node.Scores.Single(s => s.Name == BrandColourScorer.ScoreName).Reason, Does.StartWith("2 of 2 brand colours found"));

        // The reference ranking takes the latest of equally graded steps (the silver and navy site); the brand-aware selector keeps the branded one.
        var result = checkpoint.Result!;
        var referenceChoice = new ReferenceStepSelector().SelectBest([.. steps.Select(s => s.Node)])!.Node;
        Assert.That(Brand(steps.Single(s => s.Node.Step == referenceChoice.Step)), Is.LessThan(1));
        Assert.That(result.Chosen!.Step, Is.EqualTo(branded.Node.Step));
        Assert.That(result.SelectionReason, Does.Contain($"the reference ranking alone would choose step {referenceChoice.Step}"));
        Assert.That(result.Files.Single(f => f.Path == "src/App.css").Content, Does.Contain("#d2691e"), "select-best restored the branded step's files");

        AssertTable(outcome.Out, steps);
        var rows = TableRows(outcome.Out);
        Assert.That(rows.Single(r => r.Step == branded.Node.Step).Reward, Is.EqualTo(4 + 0 + 2).Within(0.005), "screenshot 4 + GUI 0 (never validated) + 2 × brand 1");

        // The caching decorator sat in front of the configured VLM judge: every judged step went through it, and only the
        // screenshots it had not seen reached the model.
        var judge = JudgeLine().Match(outcome.Out);
        Assert.That(judge.Success, Is.True, outcome.Out);
        var (asked, hits) = (int.Parse(judge.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(judge.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.That(asked, Is.EqualTo(steps.Count(s => s.Judgement is not null)));
        Assert.That(server.Calls.Count(c => c.SystemText.Contains("You review screenshots of websites", StringComparison.Ordinal)), Is.EqualTo(asked - hits));
    }

    [GeneratedRegex(@"judge: +(\d+) screenshots judged, (\d+) answered from the cache")]
    private static partial Regex JudgeLine();

    /// <summary>Checks the printed table against the run: grades, brand score, selection value and the composite reward.</summary>
    private static void AssertTable(string output, IReadOnlyList<StepRecord> steps)
    {
        var rows = TableRows(output);
        var expected = new CompositeStepRewardAdapter(StepGrpoRewardAdapter.Reference, StepRewardTerms.FromScore(BrandColourScorer.ScoreName, weight: 2)).ComputeRewards(steps);
        var reference = StepGrpoRewardAdapter.Reference.ComputeRewards(steps);
        Assert.That(rows.Select(r => r.Step), Is.EqualTo(steps.Select(s => s.Node.Step)));
        for (var i = 0; i < steps.Count; i++)
        {
            var node = steps[i].Node;
            Assert.That(rows[i].Kind, Is.EqualTo(node.Kind.ToString()));
            Assert.That(rows[i].Screenshot, Is.EqualTo(node.ScreenshotGrade));
            Assert.That(rows[i].Gui, Is.EqualTo(node.GuiGrade));
            Assert.That(rows[i].Brand, Is.EqualTo(Brand(steps[i])).Within(0.005));
            Assert.That(rows[i].Value, Is.EqualTo(node.GuiGrade + node.ScreenshotGrade + (2 * Brand(steps[i]))).Within(0.005));
            Assert.That(rows[i].Reward, Is.EqualTo(expected[i].Value).Within(0.005), $"step {node.Step}");
            if (!expected[i].IsMalformed)
            {
                Assert.That(rows[i].Reward, Is.GreaterThanOrEqualTo(reference[i].Value), "the brand term only adds");
            }
        }
    }

    private static string Answer(ChatCompletionCall call)
    {
        if (call.SystemText.Contains("You review screenshots of websites", StringComparison.Ordinal))
        {
            return """{"is_error": false, "error_message": null, "screenshot_description": "A page with a header, a hero section and a form.", "suggestions": "None."}""";
        }

        if (call.SystemText.Contains("You grade the appearance", StringComparison.Ordinal))
        {
            return """{"analysis": "Clean and relevant.", "grade": 4}""";
        }

        // Turn 1 writes the site in the brand colours; the next turn changes only App.css to silver and navy (a palette change
        // served by hot reload); once that was graded, finish. A step that was not graded (a failure on a busy machine) is retried.
        var instruction = call.Messages.First(m => m.Role == "user").Text;
        var answers = call.Messages.Where(m => m.Role == "assistant").Select(m => m.Text).ToList();
        if (answers.Count == 0)
        {
            return OfflineDemoChatClient.WriteSite(instruction);
        }

        var graded = call.Messages.Last(m => m.Role == "user").Text.Contains("Appearance grade: 4/5", StringComparison.Ordinal);
        var lastWasPalette = answers[^1].Contains(PaletteArtifact, StringComparison.Ordinal);
        if (!graded)
        {
            return lastWasPalette ? Palette(instruction) : OfflineDemoChatClient.WriteSite(instruction);
        }

        return lastWasPalette ? "<boltAction type=\"finish\"></boltAction>" : Palette(instruction);
    }

    private static string Palette(string instruction)
    {
        var site = OfflineDemoChatClient.WriteSite(instruction.Replace("ivory", "silver", StringComparison.Ordinal).Replace("chocolate", "navy", StringComparison.Ordinal));
        var css = AppCss().Match(site).Value;
        return $"Switching the palette.\n{PaletteArtifact} title=\"Palette\">\n{css}\n</boltArtifact>";
    }

    private static double Brand(StepRecord step) => step.Node.Scores.FirstOrDefault(s => s.Name == BrandColourScorer.ScoreName)?.Value ?? 0;

    private static List<Row> TableRows(string output) =>
        [.. TableRow().Matches(output).Select(m => new Row(
            int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
            m.Groups[2].Value,
            int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups[5].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups[6].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups[7].Value, CultureInfo.InvariantCulture)))];

    [GeneratedRegex("<boltAction type=\"file\" filePath=\"src/App.css\">.*?</boltAction>", RegexOptions.Singleline)]
    private static partial Regex AppCss();

    [GeneratedRegex(@"^(\d+)\s+(\w+)\s+(\d)/5\s+(\d)/5\s+(\d+\.\d\d)\s+(\d+\.\d\d)\s+(-?\d+\.\d\d)\s*$", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    private sealed record Row(int Step, string Kind, int Screenshot, int Gui, double Brand, double Value, double Reward);
}
