using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using WebGen.Hosting;

namespace WebGen.Mcp.Tests;

/// <summary>The MCP C# client calls the tools served by <c>MapWebGenMcp()</c> in an ASP.NET Core app over real HTTP on 127.0.0.1.</summary>
public sealed class HttpServerTests
{
    [Test]
    public async Task Over_HTTP_a_client_evaluates_a_site_it_sends_as_files_with_progress_and_gets_clear_tool_errors()
    {
        using var temp = new TempDirectory();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["WebGen:Agent:RunsDirectory"] = temp.Combine("runs") });
        builder.Services.AddWebGenAgent(builder.Configuration.GetSection("WebGen")).UseOfflineDemo();
        builder.Services.AddWebGenMcp();
        await using var app = builder.Build();
        app.MapWebGenMcp("/mcp");
        await app.StartAsync();

        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(app.Urls.Single().TrimEnd('/') + "/mcp") }));
        Assert.That(client.ServerInfo?.Name, Is.EqualTo("webgen"));
        Assert.That((await client.ListToolsAsync()).Select(t => t.Name), Does.Contain("evaluate_site").And.Contain("generate_site"));

        // A remote client sends the site's files; they go through the workspace jail (the escaping one is refused).
        var site = BoltParser.Parse(OfflineDemoChatClient.WriteSite("A plant shop with a list of plants. Use a white background and green buttons."))
            .Actions.OfType<FileAction>().ToDictionary(f => f.FilePath, f => (object?)f.Content);
        site["../outside.txt"] = "must not be written";
        var progress = new ProgressLog();
        var result = await client.CallToolAsync(
            "evaluate_site",
            new Dictionary<string, object?> { ["instruction"] = "A plant shop with a list of plants.", ["files"] = site },
            progress);
        var evaluation = ToolResults.Json(result);
        Assert.That((bool?)evaluation["started"], Is.True, evaluation.ToJsonString());
        Assert.That((int?)evaluation["screenshotGrade"], Is.GreaterThanOrEqualTo(3), evaluation.ToJsonString());
        Assert.That((int?)evaluation["guiGrade"], Is.GreaterThanOrEqualTo(1), evaluation.ToJsonString());
        Assert.That(evaluation["rejectedFiles"]!.AsArray().Select(r => (string?)r), Has.One.StartsWith("../outside.txt"));
        Assert.That(File.Exists(temp.Combine("runs", ".evaluations", "outside.txt")) || File.Exists(temp.Combine("runs", "outside.txt")), Is.False);
        Assert.That(Directory.EnumerateDirectories(temp.Combine("runs", ".evaluations")), Is.Empty, "the evaluation's workspace is removed");
        ToolResults.Png(result);
        Assert.That(progress.Values.Select(p => p.Message), Does.Contain("testing the site through its GUI"), "progress notifications arrive over HTTP");

        var local = await client.CallToolAsync("evaluate_site", new Dictionary<string, object?> { ["instruction"] = "x", ["directory"] = "/etc" });
        Assert.That(local.IsError, Is.True);
        Assert.That(ToolResults.Text(local), Does.Contain("does not read local directories"));

        var badId = await client.CallToolAsync("generate_site", new Dictionary<string, object?> { ["instruction"] = "A todo app", ["runId"] = "../../etc" });
        Assert.That(badId.IsError, Is.True);
        Assert.That(ToolResults.Text(badId), Does.Contain("may contain only letters, digits"));

        var tooMany = await client.CallToolAsync("generate_site", new Dictionary<string, object?> { ["instruction"] = "A todo app", ["maxIterations"] = 500 });
        Assert.That(ToolResults.Text(tooMany), Does.Contain("between 1 and 50 (got 500)"));

        var unknown = await client.CallToolAsync("get_run", new Dictionary<string, object?> { ["runId"] = "nope" });
        Assert.That(unknown.IsError, Is.True);
        Assert.That(ToolResults.Text(unknown), Does.Contain("No run has id 'nope'"));
        Assert.That(Directory.EnumerateDirectories(temp.Combine("runs")).Select(Path.GetFileName), Is.EqualTo(new[] { ".evaluations" }), "no bad call started a run");
    }
}
