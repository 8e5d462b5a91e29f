using System.Text.Json;
using Microsoft.Extensions.AI;
using WebGen.Core.Tests.Agent;
using WebGen.Testing;

namespace WebGen.Core.Tests.Profiles;

/// <summary>
/// One test per rule of the Reference profile (the reference implementation's <c>webgen_agent.py</c> and prompts), each
/// beside what Enhanced does instead. Sampling is checked on the wire, through the loopback OpenAI-compatible server.
/// </summary>
public sealed class ReferenceProfileTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task The_reference_system_prompt_carries_the_reference_information_and_the_predefined_user()
    {
        var (reference, enhanced) = (await SystemPromptSentAsync(WebGenProfile.Reference), await SystemPromptSentAsync(WebGenProfile.Enhanced));

        Assert.That(reference, Is.EqualTo(CodeModelPrompts.ReferenceSystemPrompt));
        Assert.That(reference, Does.Contain("\"admin\"").And.Contain("\"admin123456\"").And.Contain("\"admin@example.com\""), "the GUI test logs in with these");
        Assert.That(reference, Does.Contain("WebContainer").And.Contain("/home/project").And.Contain("`--yes`").And.Contain("NEVER use the word \"artifact\""));
        Assert.That(reference, Does.Contain("- shell:").And.Contain("- file:").And.Contain("- start:").And.Contain("filePath"));
        Assert.That(enhanced, Does.Contain("\"admin\"").And.Contain("\"admin123456\"").And.Contain("\"admin@example.com\""), "Enhanced has the rule too: its GUI test uses the same account");
        Assert.That(enhanced, Does.Contain("a grade from 0 to 5").And.Not.Contain("from 1 to 5"), "the judge grades 0–5");
    }

    [Test]
    public async Task The_reference_code_model_samples_at_temperature_0_5_and_a_request_can_override_it()
    {
        await using var server = await OpenAICompatibleServer.StartAsync(_ => ScriptedReply.Text(ScriptedWorld.Finish));
        var world = new ScriptedWorld();

        await Agent(world, server.CreateChatClient(), WebGenProfile.Reference).RunAsync("site");
        await Agent(world, server.CreateChatClient(), WebGenProfile.Enhanced).RunAsync("site");
        await Agent(world, server.CreateChatClient(), WebGenProfile.Reference).RunAsync(new WebGenRequest { Instruction = "site", Temperature = 1.0f, TopP = 0.95f });

        var bodies = server.Calls.Select(c => JsonDocument.Parse(c.RawBody).RootElement).ToList();
        Assert.That(bodies[0].GetProperty("temperature").GetDouble(), Is.EqualTo(0.5));
        Assert.That(bodies[0].TryGetProperty("top_p", out _), Is.False);
        Assert.That(bodies[1].TryGetProperty("temperature", out _), Is.False, "Enhanced leaves the temperature to the model unless the option sets it");
        Assert.That(bodies[2].GetProperty("temperature").GetDouble(), Is.EqualTo(1.0));
        Assert.That(bodies[2].GetProperty("top_p").GetDouble(), Is.EqualTo(0.95).Within(1e-6));
    }

    [Test]
    public async Task Reference_feedback_shows_no_grade_and_invites_screenshot_validated_after_a_low_grade()
    {
        var world = new ScriptedWorld();

        var reference = await Agent(world, FakeChatClient.Scripted(ScriptedWorld.Code(1), ScriptedWorld.Finish), WebGenProfile.Reference).RunAsync("A red bakery site");
        var enhanced = await Agent(world, FakeChatClient.Scripted(ScriptedWorld.Code(1), ScriptedWorld.Finish), WebGenProfile.Enhanced).RunAsync("A red bakery site");

        var feedback = reference.Steps[0].Feedback;
        Assert.That(feedback, Does.StartWith("Installing the dependencies succeeded.\n\nStarting the service succeeded.\n\n**The screenshot description:**\n\na page"));
        Assert.That(feedback, Does.Contain("output <boltAction type=\"screenshot_validated\"/>").And.Not.Contain("Change the code to fix"), "the grade does not decide the next move");
        Assert.That(feedback, Does.Not.Contain("grade").IgnoreCase.And.Not.Contain("/5"));
        Assert.That(feedback, Does.Contain("**The instruction describing the website you are developing:**\n\nA red bakery site\n\n" + CodeModelPrompts.ReferenceFullFileReminder));
        Assert.That(reference.Steps[0].Node.HasError, Is.True, "the node still counts the grade of 1 as an error");
        Assert.That(enhanced.Steps[0].Feedback, Does.Contain("Appearance grade: 1/5").And.Contain("Fix these problems:\n- screenshot grade 1 is 2 or lower"));
    }

    [Test]
    public async Task Reference_feedback_names_the_failed_stages_to_fix()
    {
        var world = new ScriptedWorld();

        var result = await Agent(world, FakeChatClient.Scripted(ScriptedWorld.Code("install-fail"), ScriptedWorld.Finish), WebGenProfile.Reference).RunAsync("site");

        var feedback = result.Steps[0].Feedback;
        Assert.That(feedback, Does.Contain("**Installing the dependencies produced errors:**\n\n> npm install\nnpm ERR! 404 Not Found - left-pad-9000"));
        Assert.That(feedback, Does.Contain("Running the command `npm install` failed.\nChange the code to fix the errors in dependency installation, screenshot collection."));
    }

    [Test]
    public async Task Reference_feedback_after_a_gui_test_gives_the_suggestions_only_and_invites_finish()
    {
        var world = new ScriptedWorld();
        var model = FakeChatClient.Scripted(ScriptedWorld.Code(4, gui: 3), ScriptedWorld.Validate, ScriptedWorld.Finish);

        var reference = await Agent(world, model, WebGenProfile.Reference).RunAsync("site");
        var enhanced = await Agent(world, FakeChatClient.Scripted(ScriptedWorld.Code(4, gui: 3), ScriptedWorld.Validate, ScriptedWorld.Finish), WebGenProfile.Enhanced).RunAsync("site");

        var feedback = reference.Steps[1].Feedback;
        Assert.That(feedback, Does.Contain("**The suggestions from the GUI-agent testing:**\n\nscripted"));
        Assert.That(feedback, Does.Contain("output <boltAction type=\"finish\"/>"));
        Assert.That(feedback, Does.Not.Contain("grade").IgnoreCase.And.Not.Contain("NO"), "no grade, no verdict");
        Assert.That(enhanced.Steps[1].Feedback, Does.Contain("functional grade 3/5").And.Contain("the tester answered NO"));
    }

    [Test]
    public async Task Reference_precedence_finish_wins_then_screenshot_validated_and_their_files_are_not_written()
    {
        var world = new ScriptedWorld();
        var model = FakeChatClient.Scripted(ScriptedWorld.Code(4, gui: 5), ScriptedWorld.Code(2) + ScriptedWorld.Validate, ScriptedWorld.Code(1) + ScriptedWorld.Finish);

        var reference = await Agent(world, model, WebGenProfile.Reference).RunAsync("site");
        var enhanced = await Agent(world, FakeChatClient.Scripted(ScriptedWorld.Code(4, gui: 5), ScriptedWorld.Code(2) + ScriptedWorld.Validate, ScriptedWorld.Finish), WebGenProfile.Enhanced).RunAsync("site");

        Assert.That(reference.Steps.Select(s => s.Node.Kind), Is.EqualTo(new[] { StepKind.Code, StepKind.Validate, StepKind.Finish }));
        Assert.That(reference.Steps[1].Files, Is.Null, "the validate answer's file was not written");
        Assert.That(world.GuiTester.Requests[0].Url.Query, Does.Contain("grade=4"), "the GUI test ran on step 1's site");
        Assert.That(reference.Files.Single(f => f.Path == "grade.txt").Content, Is.EqualTo("4"), "neither signal answer changed the site (the reference writes contents as they are)");
        Assert.That(enhanced.Steps[1].Node.Kind, Is.EqualTo(StepKind.Code), "Enhanced checks the changed site first");
    }

    [Test]
    public async Task Reference_treats_an_answer_without_action_as_a_code_step_that_regrades_the_site()
    {
        var world = new ScriptedWorld();

        var reference = await Agent(world, FakeChatClient.Scripted(ScriptedWorld.Code(4), "I think the site is fine as it is.", ScriptedWorld.Finish), WebGenProfile.Reference).RunAsync("site");

        var plain = reference.Steps[1];
        Assert.That(plain.Node.Kind, Is.EqualTo(StepKind.Code));
        Assert.That(plain.Sandbox!.IsRunning, Is.True);
        Assert.That(plain.Node.ScreenshotGrade, Is.EqualTo(4), "the unchanged site was judged again");
        Assert.That(plain.ActionTypes, Is.Empty);
        var enhanced = await Agent(world, FakeChatClient.Scripted(ScriptedWorld.Code(4), "I think the site is fine as it is.", ScriptedWorld.Finish), WebGenProfile.Enhanced).RunAsync("site");
        Assert.That(enhanced.Steps[1].Node.Kind, Is.EqualTo(StepKind.BadFormat));
    }

    [Test]
    public async Task A_reference_finish_is_erroneous_only_by_its_grade_while_enhanced_inherits_its_parents_error()
    {
        var world = new ScriptedWorld();
        var judge = new FakeScreenshotJudge(_ => new ScreenshotJudgement { Grade = 4, IsError = true, ErrorMessage = "a banner says 'Failed to fetch'", Description = "a page" });

        var reference = await Agent(world, FakeChatClient.Scripted(ScriptedWorld.Code(4), ScriptedWorld.Finish), WebGenProfile.Reference, judge).RunAsync("site");
        var enhanced = await Agent(world, FakeChatClient.Scripted(ScriptedWorld.Code(4), ScriptedWorld.Finish), WebGenProfile.Enhanced, judge).RunAsync("site");

        Assert.That(reference.Steps[0].Node.HasError, Is.True, "the screenshot shows an error");
        Assert.That(reference.Steps[1].Node, Has.Property(nameof(StepNode.HasError)).False.And.Property(nameof(StepNode.ScreenshotGrade)).EqualTo(4));
        Assert.That(enhanced.Steps[1].Node.HasError, Is.True);
        Assert.That(enhanced.Steps[1].Node.Errors, Is.EqualTo(enhanced.Steps[0].Node.Errors));
    }

    [Test]
    public async Task A_step_that_failed_unexpectedly_is_recorded_but_never_chosen_in_either_profile([Values] WebGenProfile profile)
    {
        var world = new ScriptedWorld();
        var model = FakeChatClient.Scripted(ScriptedWorld.Code("throw"), ScriptedWorld.Code(2), ScriptedWorld.Code("throw"), ScriptedWorld.Finish);

        var result = await Agent(world, model, profile, configure: o => o.MaxIterations = 3).RunAsync("site");

        Assert.That(result.Steps.Select(s => s.Exception is not null), Is.EqualTo(new[] { true, false, true }));
        Assert.That(result.Chosen!.Step, Is.EqualTo(2), "only the step that ran is a candidate, even with grade 2");
    }

    [Test]
    public async Task Reference_runs_no_shell_actions()
    {
        var world = new ScriptedWorld();
        var answer = ScriptedWorld.Code(4).Replace("</boltArtifact>", "<boltAction type=\"shell\">npm install left-pad</boltAction></boltArtifact>", StringComparison.Ordinal);

        var reference = await Agent(world, FakeChatClient.Scripted(answer, ScriptedWorld.Finish), WebGenProfile.Reference).RunAsync("site");
        var commands = world.Sandbox.Sessions.Single().Commands.Count;
        await Agent(world, FakeChatClient.Scripted(answer, ScriptedWorld.Finish), WebGenProfile.Enhanced).RunAsync("site");

        Assert.That(commands, Is.Zero);
        Assert.That(reference.Steps[0].ShellCommands, Is.Empty);
        Assert.That(world.Sandbox.Sessions[1].Commands, Is.EqualTo(new[] { "npm install left-pad" }));
    }

    [Test]
    public async Task Reference_pre_checks_neither_stop_the_judge_nor_count_as_errors()
    {
        var world = new ScriptedWorld();
        var fatal = new FakeScreenshotScorer(_ => new ScreenshotScore { Name = "blank-page", Value = 0, IsFatal = true, Reason = "blank" });

        var reference = await Agent(world, FakeChatClient.Scripted(ScriptedWorld.Code(4), ScriptedWorld.Finish), WebGenProfile.Reference, scorers: [fatal]).RunAsync("site");
        var enhanced = await Agent(world, FakeChatClient.Scripted(ScriptedWorld.Code(4), ScriptedWorld.Finish), WebGenProfile.Enhanced, scorers: [fatal]).RunAsync("site");

        Assert.That(reference.Steps[0].Judgement!.Grade, Is.EqualTo(4));
        Assert.That(reference.Steps[0].Node.HasError, Is.False);
        Assert.That(reference.Steps[0].Node.Scores.Single().Name, Is.EqualTo("blank-page"), "the score is still recorded");
        Assert.That(enhanced.Steps[0].Judgement, Is.Null);
        Assert.That(enhanced.Steps[0].Node.Errors, Has.Some.StartsWith("blank-page"));
    }

    [Test]
    public void The_loop_defaults_are_the_reference_constants()
    {
        var options = new WebGenAgentOptions();

        Assert.That((options.MaxIterations, options.ErrorLimit, options.MaxRestarts, options.ViewportWidth, options.ViewportHeight), Is.EqualTo((20, 5, 5, 1024, 768)));
        Assert.That(options.Profile, Is.EqualTo(WebGenProfile.Enhanced));
    }

    [Test]
    public async Task By_default_a_run_stops_after_20_steps()
    {
        var world = new ScriptedWorld();

        var result = await Agent(world, new FakeChatClient(_ => ScriptedWorld.Code(4)), WebGenProfile.Reference).RunAsync("site");

        Assert.That(result.StopReason, Is.EqualTo(WebGenStopReason.MaxIterations));
        Assert.That(result.Steps, Has.Count.EqualTo(20));
    }

    [Test]
    public async Task By_default_a_run_stops_after_5_restarts()
    {
        var world = new ScriptedWorld();
        var model = new FakeChatClient((_, _, _) => throw new HttpRequestException("Connection refused"));

        var result = await Agent(world, model, WebGenProfile.Reference).RunAsync("site");

        Assert.That(result.StopReason, Is.EqualTo(WebGenStopReason.TooManyRestarts));
        Assert.That(result.Restarts, Is.EqualTo(5));
        Assert.That(model.Calls, Has.Count.EqualTo(6), "the first call and five restarts");
    }

    [Test]
    public async Task A_run_resumes_only_with_its_own_profile()
    {
        var world = new ScriptedWorld();
        var started = await Agent(world, FakeChatClient.Scripted(ScriptedWorld.Code(4)), WebGenProfile.Reference, configure: o => o.MaxIterations = 1).RunAsync("site");

        var resume = () => Agent(world, FakeChatClient.Scripted(ScriptedWorld.Finish), WebGenProfile.Enhanced).ResumeAsync(started.RunDirectory);

        Assert.That(resume, Throws.InvalidOperationException.With.Message.Contains("follows the Reference profile"));
    }

    private async Task<string> SystemPromptSentAsync(WebGenProfile profile)
    {
        await using var server = await OpenAICompatibleServer.StartAsync(_ => ScriptedReply.Text(ScriptedWorld.Finish));
        await Agent(new ScriptedWorld(), server.CreateChatClient(), profile).RunAsync("A page with a login");
        return server.Calls.Single().SystemText;
    }

    private WebGenAgent Agent(ScriptedWorld world, IChatClient model, WebGenProfile profile, IScreenshotJudge? judge = null, IReadOnlyList<IScreenshotScorer>? scorers = null, Action<WebGenAgentOptions>? configure = null)
    {
        var options = new WebGenAgentOptions { RunsDirectory = _temp.Combine("runs"), Profile = profile };
        configure?.Invoke(options);
        return new WebGenAgent(model, new WebGenComponents
        {
            Sandbox = world.Sandbox,
            PageCapturer = world.Capturer,
            ScreenshotJudge = judge ?? world.Judge,
            GuiTester = world.GuiTester,
            ScreenshotScorers = scorers ?? [],
        }, options);
    }
}
