using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace WebGen.Mcp.Tests;

/// <summary>The MCP C# client drives the real <c>webgen mcp</c> process over stdin/stdout (offline demo model, real sandbox and Chromium).</summary>
public sealed class StdioServerTests
{
    private static readonly string[] ToolNames = ["evaluate_site", "generate_site", "get_run", "get_screenshot", "list_runs", "resume_run"];

    [Test]
    public async Task Webgen_mcp_generates_with_progress_reports_resumes_a_cancelled_call_and_evaluates_a_local_site()
    {
        using var temp = new TempDirectory();
        var runs = temp.Combine("runs");
        var stderr = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "webgen",
            Command = Path.Combine(AppContext.BaseDirectory, "webgen"),
            Arguments = ["mcp", "--runs", runs],
            WorkingDirectory = temp.Path,
            EnvironmentVariables = new Dictionary<string, string?> { ["WEBGEN_CODE_ENDPOINT"] = "", ["WebGen__Models__Code__Endpoint"] = "" },
            StandardErrorLines = stderr.Enqueue,
            ShutdownTimeout = TimeSpan.FromSeconds(20),
        });
        await using var client = await McpClient.CreateAsync(transport);
        try
        {
            Assert.That(client.ServerInfo?.Name, Is.EqualTo("webgen"));
            Assert.That(client.ServerInstructions, Does.Contain("OFFLINE"));
            var tools = await client.ListToolsAsync();
            Assert.That(tools.Select(t => t.Name).Order(), Is.EqualTo(ToolNames));
            Assert.That(tools.Single(t => t.Name == "generate_site").JsonSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "instruction" }));

            // A whole run, with a progress notification per step.
            var progress = new ProgressLog();
            var generated = await client.CallToolAsync(
                "generate_site",
                new Dictionary<string, object?> { ["instruction"] = "A bakery landing page with a menu. Use a cream background and brown buttons.", ["runId"] = "bakery" },
                progress);
            var report = ToolResults.Json(generated);
            Assert.That((string?)report["status"], Is.EqualTo("completed"));
            Assert.That((string?)report["stopReason"], Is.EqualTo("Finished"));
            var steps = report["steps"]!.AsArray();
            Assert.That(progress.Values.Where(p => p.Message?.StartsWith("step ", StringComparison.Ordinal) == true).Select(p => (int)p.Progress).Order(), Is.EqualTo(Enumerable.Range(1, steps.Count)), "one notification per step, numbered in step order (the client may hand them over out of order)");
            Assert.That(progress.Values.First(p => p.Progress == 1).Message, Does.Match(@"^step 1: Code, screenshot \d/5, GUI \d/5"));
            Assert.That(progress.Values.Select(p => p.Total), Has.All.EqualTo(20f));
            ToolResults.Png(generated);

            var run = ToolResults.Json(await client.CallToolAsync("get_run", new Dictionary<string, object?> { ["runId"] = "bakery", ["includeFiles"] = true }));
            Assert.That((int?)run["chosenStep"], Is.EqualTo((int?)report["chosenStep"]));
            ToolResults.Png(await client.CallToolAsync("get_screenshot", new Dictionary<string, object?> { ["runId"] = "bakery" }));
            var missing = await client.CallToolAsync("get_screenshot", new Dictionary<string, object?> { ["runId"] = "bakery", ["step"] = 99 });
            Assert.That(missing.IsError, Is.True);
            Assert.That(ToolResults.Text(missing), Does.Contain("Step 99 of run 'bakery' has no screenshot"));

            // A call cancelled by the client stops the run after a checkpointed step; resume_run finishes it.
            using var cancel = new CancellationTokenSource();
            var partial = new ProgressLog(p =>
            {
                if (p.Message?.StartsWith("step 1:", StringComparison.Ordinal) == true)
                {
                    cancel.Cancel();
                }
            });
            await Assert.CatchAsync<OperationCanceledException>(async () => await client.CallToolAsync(
                "generate_site",
                new Dictionary<string, object?> { ["instruction"] = "A todo app with a teal header.", ["runId"] = "todo" },
                partial,
                cancellationToken: cancel.Token));
            var stopped = await WaitForStoppedAsync(client, "todo");
            Assert.That((bool?)stopped["resumable"], Is.True);

            var resumedProgress = new ProgressLog();
            var resumed = ToolResults.Json(await client.CallToolAsync("resume_run", new Dictionary<string, object?> { ["runId"] = "todo" }, resumedProgress));
            Assert.That((string?)resumed["status"], Is.EqualTo("completed"));
            Assert.That(resumedProgress.Values.Select(p => p.Message), Does.Contain("resumed run todo"), "(it may first wait for the cancelled call's run to release its slot)");
            var resumedSteps = resumedProgress.Values.Where(p => p.Message?.StartsWith("step ", StringComparison.Ordinal) == true).Select(p => (int)p.Progress).ToList();
            Assert.That(resumedSteps, Is.Not.Empty, "the resumed run had steps left to do: the cancellation stopped it");
            Assert.That(resumedSteps, Has.None.EqualTo(1), "step 1 is not redone");

            var listed = (await client.CallToolAsync("list_runs", new Dictionary<string, object?>())).Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().Single().Text;
            Assert.That(listed, Does.Contain("\"bakery\"").And.Contain("\"todo\""));

            // A local server evaluates a site from a directory on this machine.
            var evaluation = ToolResults.Json(await client.CallToolAsync(
                "evaluate_site",
                new Dictionary<string, object?> { ["instruction"] = "A bakery landing page with a menu.", ["directory"] = (string)report["siteDirectory"]!, ["guiTest"] = false }));
            Assert.That((bool?)evaluation["started"], Is.True, evaluation.ToJsonString());
            Assert.That((int?)evaluation["screenshotGrade"], Is.GreaterThanOrEqualTo(3), evaluation.ToJsonString());
            Assert.That(evaluation["scores"]!.AsArray().Select(s => (string?)s!["name"]), Does.Contain("blank-page"));
            Assert.That(evaluation.ContainsKey("guiGrade"), Is.False, "no GUI test was asked for");
        }
        finally
        {
            TestContext.Out.WriteLine("webgen mcp stderr:\n" + string.Join("\n", stderr));
        }
    }

    private static async Task<System.Text.Json.Nodes.JsonObject> WaitForStoppedAsync(McpClient client, string runId)
    {
        // The server learns of the cancellation asynchronously; the run's last checkpoint is then on disk.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var result = await client.CallToolAsync("get_run", new Dictionary<string, object?> { ["runId"] = runId });
            if (result.IsError != true)
            {
                var run = ToolResults.Json(result);
                Assert.That((string?)run["status"], Is.EqualTo("stopped"), "the cancelled run must not have completed");
                if (run["steps"]!.AsArray().Count >= 1)
                {
                    return run;
                }
            }

            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the cancelled run never showed its checkpointed step");
            await Task.Delay(200);
        }
    }
}
