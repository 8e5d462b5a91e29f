using Microsoft.Agents.AI;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace WebGen.Agents.Tests;

public sealed class WorkflowTests
{
    [Test]
    public async Task In_a_sequential_workflow_a_planner_agent_writes_the_brief_and_WebGen_builds_it_for_real()
    {
        const string Brief = "A landing page for a flower shop called Petal Lane with a list of bouquets. Use a white background and pink buttons.";
        using var temp = new TempDirectory();
        await using var planner = await OpenAICompatibleServer.StartAsync(_ => ScriptedReply.Text(Brief));
        var services = new ServiceCollection().AddLogging();
        services.AddWebGenAgent(o => o.RunsDirectory = temp.Combine("runs"))
            .UseLocalSandbox()
            .UsePlaywrightBrowser()
            .UseScreenshotPreChecks()
            .UseOfflineDemo();
        await using var provider = services.BuildServiceProvider();

        AIAgent plannerAgent = new ChatClientAgent(planner.CreateChatClient(), "Turn the user's wish into a one-paragraph website brief.", "planner");
        AIAgent webgen = new WebGenAIAgent(provider.GetRequiredService<IWebGenAgent>());
        var workflow = AgentWorkflowBuilder.BuildSequential(plannerAgent, webgen);

        var outputs = new List<WorkflowOutputEvent>();
        var updates = new List<AgentResponseUpdate>();
        await using (var run = await InProcessExecution.RunStreamingAsync(workflow, new List<ChatMessage> { new(ChatRole.User, "I sell flowers, make me a site") }))
        {
            await run.TrySendMessageAsync(new TurnToken(emitEvents: true));
            await foreach (var e in run.WatchStreamAsync())
            {
                switch (e)
                {
                    case AgentResponseUpdateEvent update:
                        updates.Add(update.Update);
                        break;
                    case WorkflowOutputEvent output:
                        outputs.Add(output);
                        break;
                }
            }
        }

        Assert.That(planner.Calls.Single().LastUserText, Does.Contain("I sell flowers"));
        var results = updates.Select(u => u.RawRepresentation).OfType<RunCompletedEvent>().Select(c => c.Result).ToList();
        Assert.That(results, Has.Count.EqualTo(1), "WebGen ran once, after the planner");
        var result = results[0];
        Assert.That(result.Instruction, Is.EqualTo(Brief), "the planner's brief is WebGen's instruction");
        Assert.That(result.StopReason, Is.EqualTo(WebGenStopReason.Finished));
        Assert.That(result.Chosen?.ScreenshotGrade, Is.GreaterThanOrEqualTo(3));
        Assert.That(Path.Combine(result.WorkspacePath, "package.json"), Does.Exist);
        Assert.That(updates.Where(u => u.AuthorName == "webgen").SelectMany(u => u.Contents.OfType<TextReasoningContent>()).Select(c => c.Text), Has.Some.StartsWith("Step 1: Code"), "WebGen's steps stream through the workflow");

        var conversation = outputs.Select(o => o.Data).OfType<List<ChatMessage>>().LastOrDefault() ?? outputs.Select(o => o.Data).OfType<IEnumerable<ChatMessage>>().Last().ToList();
        Assert.That(conversation.Last().Text, Does.StartWith($"WebGen run {result.RunId} ended (Finished)"));
        Assert.That(conversation.Last().Contents.OfType<DataContent>().Single().MediaType, Is.EqualTo("image/png"));
    }
}
