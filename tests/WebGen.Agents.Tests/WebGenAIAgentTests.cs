using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace WebGen.Agents.Tests;

public sealed class WebGenAIAgentTests
{
    [Test]
    public async Task RunAsync_builds_from_the_last_message_and_answers_with_a_summary_the_screenshot_and_the_result()
    {
        var inner = new ScriptedWebGenAgent();
        AIAgent agent = new WebGenAIAgent(inner);
        var session = await agent.CreateSessionAsync();

        var response = await agent.RunAsync(
            [new ChatMessage(ChatRole.User, "Build me something"), new ChatMessage(ChatRole.Assistant, "A bakery page with a menu."), new ChatMessage(ChatRole.Assistant, "")],
            session,
            new WebGenAgentRunOptions { MaxIterations = 4, RunId = "bakery" });

        Assert.That(inner.Requests.Single().Instruction, Is.EqualTo("A bakery page with a menu."), "the last message with text is the instruction");
        Assert.That(inner.Requests.Single().MaxIterations, Is.EqualTo(4));
        Assert.That(response.Text, Does.Contain("WebGen run bakery ended (Finished) after 2 steps").And.Contain("Chosen step 2: screenshot 4/5, GUI 5/5").And.Contain("index.html"));
        var image = response.Messages.Single().Contents.OfType<DataContent>().Single();
        Assert.That(image.MediaType, Is.EqualTo("image/png"));
        Assert.That(image.Data.Span[1..4].ToArray(), Is.EqualTo("PNG"u8.ToArray()), "the validate step shows the screenshot of the code step it validated");
        Assert.That(response.RawRepresentation, Is.InstanceOf<WebGenResult>());
        Assert.That(((WebGenAgentSession)session).LastRunId, Is.EqualTo("bakery"));
    }

    [Test]
    public async Task Streaming_yields_a_progress_update_per_step_then_the_answer()
    {
        AIAgent agent = new WebGenAIAgent(new ScriptedWebGenAgent());

        var updates = new List<AgentResponseUpdate>();
        await foreach (var update in agent.RunStreamingAsync("A todo app"))
        {
            updates.Add(update);
        }

        Assert.That(updates.SkipLast(1).Select(u => u.Contents.OfType<TextReasoningContent>().Single().Text.Trim()), Is.EqualTo(new[]
        {
            "Started run run-1",
            "Step 1: asking the code model",
            "Step 1: Code, screenshot 4/5, GUI 0/5",
            "Step 2: Validate, screenshot 4/5, GUI 5/5",
        }));
        Assert.That(updates.SkipLast(1).Select(u => u.RawRepresentation), Has.All.InstanceOf<WebGenEvent>());
        Assert.That(updates[^1].Text, Does.StartWith("WebGen run run-1 ended"));
        Assert.That(updates[^1].Contents.OfType<DataContent>(), Has.Exactly(1).Items);
        Assert.That(updates.Select(u => u.AuthorName), Has.All.EqualTo("webgen"));
    }

    [Test]
    public async Task A_session_survives_serialisation_and_resumes_the_cancelled_run_it_remembers()
    {
        using var cancel = new CancellationTokenSource();
        var inner = new ScriptedWebGenAgent { BeforeCompletion = async ct => { await cancel.CancelAsync(); ct.ThrowIfCancellationRequested(); } };
        AIAgent agent = new WebGenAIAgent(inner);
        var session = await agent.CreateSessionAsync();

        await Assert.CatchAsync<OperationCanceledException>(() => agent.RunAsync("A todo app", session, new WebGenAgentRunOptions { RunId = "todo" }, cancel.Token));

        var restored = (WebGenAgentSession)await agent.DeserializeSessionAsync(await agent.SerializeSessionAsync(session));
        Assert.That(restored.LastRunDirectory, Is.EqualTo("/runs/todo"));

        var resumed = await new WebGenAIAgent(new ScriptedWebGenAgent()).RunAsync([], restored, new WebGenAgentRunOptions { ResumeRunDirectory = restored.LastRunDirectory });
        Assert.That(resumed.Text, Does.Contain("WebGen run todo ended"));
    }

    [Test]
    public async Task Bad_input_gets_a_clear_error()
    {
        AIAgent agent = new WebGenAIAgent(new ScriptedWebGenAgent());

        var empty = await Assert.CatchAsync<ArgumentException>(() => agent.RunAsync([new ChatMessage(ChatRole.User, "  ")]));
        Assert.That(empty!.Message, Does.Contain("No message has text"));
    }
}
