using WebGen.Testing;

namespace WebGen.Cli.Tests;

public sealed class GenerateScriptedTests
{
    private const string Instruction = "Please implement a website for a book club that lists books and lets members add a book. Set the background color to white and the component color to teal.";

    [Test]
    public async Task A_build_error_is_fixed_validated_and_the_fixed_step_is_chosen()
    {
        using var temp = new TempDirectory();
        var models = new ScriptedModels
        {
            Code = call => ScriptedModels.Turn(call) switch
            {
                0 => OfflineDemoChatClient.WriteSite(ScriptedModels.Instruction(call)).Replace("export default function App() {", "export default function App() { const = ;", StringComparison.Ordinal),
                1 => OfflineDemoChatClient.WriteSite(ScriptedModels.Instruction(call)),
                2 => "<boltAction type=\"screenshot_validated\"></boltAction>",
                _ => "<boltAction type=\"finish\"></boltAction>",
            },
        };
        await using var server = await OpenAICompatibleServer.StartAsync(models.Answer);

        var outcome = await CliHarness.RunAsync(ScriptedModels.Configuration(server), CancellationToken.None, "generate", Instruction, "--out", temp.Combine("site"), "--runs", temp.Combine("runs"), "--run-id", "scripted");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
        Assert.That(outcome.Out, Does.Not.Contain("OFFLINE"));
        var checkpoint = await RunCheckpoint.LoadAsync(temp.Combine("runs", "scripted"));
        var steps = checkpoint.Steps;
        Assert.That(steps.Select(s => s.Node.Kind), Is.EqualTo(new[] { StepKind.Code, StepKind.Code, StepKind.Validate, StepKind.Finish }));

        var broken = steps[0];
        Assert.That(broken.Node.HasError, Is.True);
        Assert.That(broken.Sandbox!.Failure, Is.EqualTo(SandboxFailureKind.StartFailed));
        Assert.That(broken.Feedback, Does.Contain("App.jsx"), "the compile error reaches the model");

        var fixedStep = steps[1];
        Assert.That(fixedStep.Node.HasError, Is.False, string.Join("; ", fixedStep.Node.Errors));
        Assert.That(fixedStep.Node.ScreenshotGrade, Is.EqualTo(4));
        Assert.That(fixedStep.Judgement!.Description, Does.Contain("hero section"));
        Assert.That(steps[2].Node.GuiGrade, Is.EqualTo(5));
        Assert.That(steps[2].GuiTest!.Verdict, Is.EqualTo(GuiVerdict.Yes));

        var chosen = checkpoint.Result!.Chosen!;
        Assert.That(chosen.Step, Is.GreaterThanOrEqualTo(2), "select-best never picks the broken step");
        Assert.That(checkpoint.Result.Files.Single(f => f.Path == "src/App.jsx").Content, Does.Not.Contain("const = ;"));
        Assert.That(File.ReadAllText(temp.Combine("site", "src", "App.jsx")), Does.Not.Contain("const = ;"));
        Assert.That(models.Count("plan"), Is.EqualTo(1));
        Assert.That(models.Count("agent"), Is.GreaterThanOrEqualTo(1));

        var report = await CliHarness.OpenReportAsync(temp.Combine("runs", "scripted", "report.html"));
        Assert.That(report.ConsoleErrors, Is.Empty);
        Assert.That(report.ImageWidths, Has.All.GreaterThan(0));
        Assert.That(report.Text, Does.Contain("Step 1").And.Contain("Step 2"));
        Assert.That(report.Text, Does.Contain("failed to start").IgnoreCase.Or.Contain("StartFailed").Or.Contain("start failed").IgnoreCase);

        foreach (var file in Directory.EnumerateFiles(temp.Combine("runs"), "*", SearchOption.AllDirectories).Where(f => !f.Contains("node_modules", StringComparison.Ordinal)))
        {
            Assert.That(File.ReadAllText(file), Does.Not.Contain(ScriptedModels.ApiKey), $"the API key leaked into {file}");
        }

        Assert.That(outcome.Out + outcome.Error, Does.Not.Contain(ScriptedModels.ApiKey));
        Assert.That(server.Calls.All(c => c.Authorization == "Bearer " + ScriptedModels.ApiKey), Is.True);
    }

    [Test]
    public async Task The_configured_key_echoed_by_a_shell_action_the_site_and_the_models_is_never_stored_or_sent_back()
    {
        // The code model has got hold of the key: its site embeds it, its shell action prints it (and fails, so that the
        // output is quoted in the feedback), and the vision judge and GUI agent read it off the page.
        const string key = ScriptedModels.ApiKey;
        using var temp = new TempDirectory();
        var models = new ScriptedModels
        {
            Code = call => ScriptedModels.Turn(call) switch
            {
                0 => OfflineDemoChatClient.WriteSite(ScriptedModels.Instruction(call))
                    .Replace("export default function App() {", $"const token = '{key}';\nexport default function App() {{", StringComparison.Ordinal)
                    .Replace("</boltArtifact>", $"<boltAction type=\"shell\">node -e \"console.log('token {key}'); process.exit(3)\"</boltAction></boltArtifact>", StringComparison.Ordinal),
                1 => "<boltAction type=\"screenshot_validated\"></boltAction>",
                _ => "<boltAction type=\"finish\"></boltAction>",
            },
            GuiAgent = _ => $"Thought: the footer shows the token {key}.\nAction: ANSWER; YES",
        };
        await using var server = await OpenAICompatibleServer.StartAsync(call =>
        {
            var reply = models.Answer(call);
            return call.SystemText.Contains("You review screenshots of websites", StringComparison.Ordinal)
                ? ScriptedReply.Text($$"""{"is_error": false, "error_message": null, "screenshot_description": "A page that prints {{key}} in its footer.", "suggestions": "Do not show tokens."}""")
                : reply;
        });

        var outcome = await CliHarness.RunAsync(ScriptedModels.Configuration(server), CancellationToken.None, "generate", Instruction, "--out", temp.Combine("site"), "--runs", temp.Combine("runs"), "--run-id", "leak");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
        var codeCalls = server.Calls.Where(c => c.SystemText == CodeModelPrompts.SystemPrompt).ToList();
        Assert.That(codeCalls, Has.Count.EqualTo(3));
        foreach (var call in codeCalls.Skip(1))
        {
            Assert.That(call.Messages.Select(m => m.Text), Has.None.Contains(key), "the code model never sees the key again");
        }

        Assert.That(codeCalls[1].LastUserText, Does.Contain("token [REDACTED]"), "the failing command's output is still quoted, redacted");
        var written = Directory.EnumerateFiles(temp.Path, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".png", StringComparison.Ordinal)).ToList();
        Assert.That(written, Has.Some.EndsWith("report.html").And.Some.EndsWith("tree.json"));
        foreach (var file in written)
        {
            Assert.That(File.ReadAllText(file), Does.Not.Contain(key), $"the key leaked into {file}");
        }

        Assert.That(File.ReadAllText(temp.Combine("site", "src", "App.jsx")), Does.Contain("const token = '[REDACTED]'"));
        Assert.That(Directory.Exists(temp.Combine("runs", "leak", "workspace", "node_modules")), Is.False, "a finished run keeps no node_modules");
    }

    [Test]
    public async Task The_reference_profile_switch_reaches_the_models_and_the_run_and_resume_keeps_it()
    {
        using var temp = new TempDirectory();
        var models = new ScriptedModels
        {
            Code = call => ScriptedModels.Turn(call) == 0 ? OfflineDemoChatClient.WriteSite(ScriptedModels.Instruction(call)) : "<boltAction type=\"finish\"/>",
        };
        await using var server = await OpenAICompatibleServer.StartAsync(models.Answer);

        var outcome = await CliHarness.RunAsync(ScriptedModels.Configuration(server), CancellationToken.None, "generate", Instruction, "--out", temp.Combine("site"), "--runs", temp.Combine("runs"), "--run-id", "reference", "--profile", "reference");
        var resumed = await CliHarness.RunAsync(ScriptedModels.Configuration(server), CancellationToken.None, "resume", temp.Combine("runs", "reference"), "--out", temp.Combine("site2"));

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
        Assert.That(resumed.ExitCode, Is.Zero, resumed.Error + " (a reference run resumes with its own profile)");
        var checkpoint = await RunCheckpoint.LoadAsync(temp.Combine("runs", "reference"));
        Assert.That(checkpoint.Manifest.Profile, Is.EqualTo(WebGenProfile.Reference));
        Assert.That(checkpoint.Manifest.GuiTestInstruction, Does.EndWith(WebGen.Playwright.GuiTestInstructions.ReferenceSuffix), "the GUI tester followed the profile");
        var code = server.Calls.First(c => c.SystemText == CodeModelPrompts.ReferenceSystemPrompt);
        Assert.That(System.Text.Json.JsonDocument.Parse(code.RawBody).RootElement.GetProperty("temperature").GetDouble(), Is.EqualTo(0.5));
        Assert.That(checkpoint.Steps[0].Feedback, Does.StartWith("Installing the dependencies succeeded."));
        Assert.That(models.Count("plan"), Is.EqualTo(1));
    }

    [Test]
    public async Task An_unreachable_endpoint_is_a_clear_error_and_leaves_nothing_behind()
    {
        using var temp = new TempDirectory();
        var configuration = new Dictionary<string, string?>
        {
            ["WebGen:Models:Code:Endpoint"] = "http://127.0.0.1:9/v1",
            ["WebGen:Models:Code:Model"] = "nowhere",
        };

        var outcome = await CliHarness.RunAsync(configuration, CancellationToken.None, "generate", "a page", "--out", temp.Combine("site"), "--runs", temp.Combine("runs"));

        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Error, Does.Contain("cannot be reached").And.Contain("127.0.0.1:9"));
        Assert.That(Directory.Exists(temp.Combine("site")), Is.False);
        Assert.That(Directory.Exists(temp.Combine("runs")), Is.False);
    }

    [Test]
    public async Task An_endpoint_without_a_model_name_is_refused()
    {
        var outcome = await CliHarness.RunAsync(new Dictionary<string, string?> { ["WebGen:Models:Code:Endpoint"] = "http://127.0.0.1:9/v1" }, CancellationToken.None, "generate", "a page");

        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Error, Does.Contain("WebGen:Models:Code:Model"));
    }
}
