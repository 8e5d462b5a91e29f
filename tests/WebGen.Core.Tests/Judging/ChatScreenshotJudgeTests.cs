using Microsoft.Extensions.AI;
using WebGen.Core.Tests.Scoring;
using WebGen.Testing;

namespace WebGen.Core.Tests.Judging;

public sealed class ChatScreenshotJudgeTests
{
    private const string Instruction = "Build a bakery website with a menu and an order form in warm brown tones.";

    private static ScreenshotJudgeRequest Request(IReadOnlyList<ScreenshotScore>? scores = null) => new()
    {
        Capture = Captures.Of(Captures.ContentPng()) with { Title = "Sweet Crumbs", VisibleText = "Sweet Crumbs Bakery — Menu — Order now" },
        Instruction = Instruction,
        PreCheckScores = scores ?? [],
    };

    [Test]
    public async Task Fenced_json_answers_become_the_judgement_and_usage_is_summed()
    {
        await using var server = await JudgeServer.StartAsync(
            _ => ScriptedReply.Text("```json\n" + JudgeServer.GoodDescription + "\n```"),
            _ => ScriptedReply.Text("```\n{\"analysis\": \"Warm palette, clear menu.\", \"grade\": 4}\n```"));
        var judge = new ChatScreenshotJudge(server.CreateChatClient());

        var judgement = await judge.JudgeAsync(Request());

        Assert.That(judgement.Failure, Is.Null);
        Assert.That(judgement.IsError, Is.False);
        Assert.That(judgement.Description, Does.Contain("bakery home page"));
        Assert.That(judgement.Suggestions, Does.Contain("- Enlarge the call to action").And.Contain("- Add prices"));
        Assert.That(judgement.Grade, Is.EqualTo(4));
        Assert.That(judgement.GradeReason, Is.EqualTo("Warm palette, clear menu."));
        Assert.That(judgement.Usage?.TotalTokenCount, Is.EqualTo(30));
    }

    [Test]
    public async Task Both_calls_send_the_screenshot_as_png_and_the_grade_prompt_receives_the_instruction()
    {
        await using var server = await JudgeServer.StartAsync(
            _ => ScriptedReply.Text(JudgeServer.GoodDescription),
            _ => ScriptedReply.Text("{\"analysis\": \"ok\", \"grade\": 3}"));
        var judge = new ChatScreenshotJudge(server.CreateChatClient());
        var request = Request();

        await judge.JudgeAsync(request);

        Assert.That(server.Calls, Has.Count.EqualTo(2));
        foreach (var call in server.Calls)
        {
            var image = call.Images.Single();
            Assert.That(image.MediaType, Is.EqualTo("image/png"));
            Assert.That(image.Data.ToArray(), Is.EqualTo(request.Capture.Png.ToArray()));
        }

        var gradeCall = server.Calls.Single(JudgeServer.IsGrade);
        Assert.That(gradeCall.LastUserText, Does.Contain(Instruction));
    }

    [Test]
    public async Task Failed_pre_checks_are_given_to_the_model_as_findings()
    {
        await using var server = await JudgeServer.StartAsync(
            _ => ScriptedReply.Text(JudgeServer.GoodDescription),
            _ => ScriptedReply.Text("{\"analysis\": \"ok\", \"grade\": 3}"));
        var judge = new ChatScreenshotJudge(server.CreateChatClient());
        var overflow = new ScreenshotScore { Name = "horizontal-overflow", Value = 0.6, Reason = "content overflows by 400 px" };

        await judge.JudgeAsync(Request([overflow, ScreenshotScore.Pass("blank-page", "shows content")]));

        Assert.That(server.Calls.Select(c => c.LastUserText), Is.All.Contain("horizontal-overflow: content overflows by 400 px"));
        Assert.That(server.Calls.Select(c => c.LastUserText), Is.All.Not.Contain("shows content"));
    }

    [Test]
    public async Task Prose_around_the_json_is_ignored_and_a_reported_error_is_kept()
    {
        await using var server = await JudgeServer.StartAsync(
            _ => ScriptedReply.Text("Looking at it, the page crashed.\n{\"is_error\": \"true\", \"error_message\": \"Uncaught ReferenceError: Menu is not defined\", \"screenshot_description\": \"A red error screen.\", \"suggestions\": \"Define Menu.\"}\nThat is all."),
            _ => ScriptedReply.Text("My grading: {\"analysis\": \"An error screen.\", \"grade\": 1}"));
        var judge = new ChatScreenshotJudge(server.CreateChatClient());

        var judgement = await judge.JudgeAsync(Request());

        Assert.That(judgement.IsError, Is.True);
        Assert.That(judgement.ErrorMessage, Does.Contain("Menu is not defined"));
        Assert.That(judgement.Grade, Is.EqualTo(1));
        Assert.That(judgement.Failure, Is.Null);
    }

    [Test]
    public async Task Out_of_range_grade_is_repaired_once_quoting_the_problem()
    {
        await using var server = await JudgeServer.StartAsync(
            _ => ScriptedReply.Text(JudgeServer.GoodDescription),
            call => ScriptedReply.Text(call.Messages.Count > 2 ? "{\"analysis\": \"Clean.\", \"grade\": 5}" : "{\"analysis\": \"Superb!\", \"grade\": 7}"));
        var judge = new ChatScreenshotJudge(server.CreateChatClient());

        var judgement = await judge.JudgeAsync(Request());

        Assert.That(judgement.Grade, Is.EqualTo(5));
        Assert.That(judgement.Failure, Is.Null);
        var repair = server.Calls.Where(JudgeServer.IsGrade).OrderBy(c => c.Index).Last();
        Assert.That(repair.Messages.Select(m => m.Role), Is.EqualTo(new[] { "system", "user", "assistant", "user" }));
        Assert.That(repair.LastUserText, Does.Contain("\"grade\" must be an integer from 0 to 5, got 7"));
    }

    [Test]
    public async Task Invalid_json_is_repaired_once()
    {
        await using var server = await JudgeServer.StartAsync(
            call => ScriptedReply.Text(call.Messages.Count > 2 ? JudgeServer.GoodDescription : "{is_error: no, description: pretty}"),
            _ => ScriptedReply.Text("{\"analysis\": \"fine\", \"grade\": 3}"));
        var judge = new ChatScreenshotJudge(server.CreateChatClient());

        var judgement = await judge.JudgeAsync(Request());

        Assert.That(judgement.Failure, Is.Null);
        Assert.That(judgement.Description, Does.Contain("bakery"));
        Assert.That(server.Calls.Count(c => !JudgeServer.IsGrade(c)), Is.EqualTo(2));
    }

    [Test]
    public async Task Answers_still_invalid_after_the_repair_are_recorded_as_a_failure_not_thrown()
    {
        await using var server = await JudgeServer.StartAsync(
            _ => ScriptedReply.Text(JudgeServer.GoodDescription),
            _ => ScriptedReply.Text("I would give it a solid four out of five."));
        var judge = new ChatScreenshotJudge(server.CreateChatClient());

        var judgement = await judge.JudgeAsync(Request());

        Assert.That(judgement.Failure, Does.StartWith("Grade: ").And.Contain("after one repair attempt").And.Contain("no JSON object"));
        Assert.That(judgement.Grade, Is.Zero);
        Assert.That(judgement.Description, Does.Contain("bakery"), "the part that succeeded is kept");
        Assert.That(server.Calls.Count(JudgeServer.IsGrade), Is.EqualTo(2));
    }

    [Test]
    public async Task Model_http_errors_are_recorded_as_a_failure_not_thrown()
    {
        await using var server = await JudgeServer.StartAsync(_ => ScriptedReply.Error(500), _ => ScriptedReply.Error(500));
        var judge = new ChatScreenshotJudge(server.CreateChatClient());

        var judgement = await judge.JudgeAsync(Request());

        Assert.That(judgement.Failure, Does.Contain("Description: The model call failed").And.Contain("Grade: The model call failed"));
    }

    [Test]
    public async Task Cancellation_is_thrown()
    {
        await using var server = await JudgeServer.StartAsync(_ => ScriptedReply.Hang(), _ => ScriptedReply.Hang());
        var judge = new ChatScreenshotJudge(server.CreateChatClient());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Assert.That(async () => await judge.JudgeAsync(Request(), cts.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task A_failed_capture_is_not_sent_to_the_model()
    {
        await using var server = await JudgeServer.StartAsync(_ => ScriptedReply.Text(JudgeServer.GoodDescription), _ => ScriptedReply.Text("{\"grade\": 3}"));
        var judge = new ChatScreenshotJudge(server.CreateChatClient());
        var request = new ScreenshotJudgeRequest { Capture = new PageCapture { Url = new Uri("http://127.0.0.1:9/"), Failure = "net::ERR_CONNECTION_REFUSED" }, Instruction = Instruction };

        var judgement = await judge.JudgeAsync(request);

        Assert.That(judgement.Failure, Does.Contain("ERR_CONNECTION_REFUSED"));
        Assert.That(judgement.IsError, Is.True);
        Assert.That(server.Calls, Is.Empty);
    }

    [Test]
    public void Options_out_of_range_are_rejected_at_construction()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new ChatScreenshotJudgeOptions { Temperature = 5 });

        Assert.That(() => new ChatScreenshotJudge(new NoChatClient(), options), Throws.InstanceOf<System.ComponentModel.DataAnnotations.ValidationException>().With.Message.Contains("Temperature"));
    }

    private sealed class NoChatClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
