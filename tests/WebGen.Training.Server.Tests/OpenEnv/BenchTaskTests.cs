using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WebGen.Bench;

namespace WebGen.Training.Server.Tests;

/// <summary>Episodes that name a task of the bundled WebGen-Bench test set instead of an instruction, over real HTTP and WebSocket.</summary>
public sealed class BenchTaskTests
{
    [Test]
    public async Task An_openenv_reset_with_a_task_id_works_on_that_bench_tasks_instruction_and_labels_the_run()
    {
        var task = (await BenchDataset.LoadDefaultAsync()).Find("000002")!;
        await using var server = await TestServer.StartAsync();

        using var response = await server.PostAsync("reset", new JsonObject { ["task_id"] = "000002", ["episode_id"] = "bench-2" });
        var reset = await TestServer.ExpectAsync(response, HttpStatusCode.OK);
        Assert.That((string?)reset["observation"]!["messages"]![1]!["content"], Is.EqualTo(task.Instruction));

        var runs = server.Server.Services.GetRequiredService<WebGenEnvironment>().Options.RunsDirectory;
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(runs, "bench-2", "run.json")))!;
        Assert.That((string?)manifest["labels"]!["webgen-bench.task"], Is.EqualTo("000002"), manifest.ToJsonString());
    }

    [Test]
    public async Task The_native_create_takes_a_task_id_in_its_short_form_too()
    {
        var task = (await BenchDataset.LoadDefaultAsync()).Find("000042")!;
        await using var server = await TestServer.StartAsync();

        var created = await server.CreateAsync(instruction: null!, id: "bench-42", taskId: "42");
        Assert.That((string?)created["observation"]![1]!["content"], Is.EqualTo(task.Instruction));
    }

    [Test]
    public async Task An_unknown_task_id_or_a_task_id_with_an_instruction_is_a_validation_problem_naming_the_field()
    {
        await using var server = await TestServer.StartAsync();

        using var unknown = await server.PostAsync("reset", new JsonObject { ["task_id"] = "999999" });
        var problem = await TestServer.ExpectProblemAsync(unknown, HttpStatusCode.BadRequest);
        Assert.That((string?)problem["errors"]!["task_id"]![0], Does.Contain("'999999'").And.Contain("000001–000101"), problem.ToJsonString());

        using var both = await server.PostAsync("episodes", new JsonObject { ["instruction"] = "A page", ["taskId"] = "1" });
        problem = await TestServer.ExpectProblemAsync(both, HttpStatusCode.BadRequest);
        Assert.That((string?)problem["errors"]!["taskId"]![0], Does.Contain("not both"), problem.ToJsonString());

        using var none = await server.PostAsync("episodes", new JsonObject { ["maxSteps"] = 2 });
        problem = await TestServer.ExpectProblemAsync(none, HttpStatusCode.BadRequest);
        Assert.That((string?)problem["errors"]!["instruction"]![0], Does.Contain("taskId"), problem.ToJsonString());
    }

    [Test]
    public async Task A_websocket_reset_with_an_unknown_task_id_gets_an_openenv_validation_error()
    {
        await using var server = await TestServer.StartAsync();
        using var socket = await OpenEnvSocket.ConnectAsync(server);

        await socket.SendAsync("{\"type\": \"reset\", \"data\": {\"task_id\": \"abc\"}}");
        var error = await socket.ReceiveAsync();
        Assert.That((string?)error!["type"], Is.EqualTo("error"), error.ToJsonString());
        Assert.That((string?)error["data"]!["code"], Is.EqualTo("VALIDATION_ERROR"));
        Assert.That((string?)error["data"]!["message"], Does.Contain("'abc'"));

        await socket.SendAsync("{\"type\": \"reset\", \"data\": {\"task_id\": \"000003\"}}");
        var reset = await socket.ReceiveAsync();
        Assert.That((string?)reset!["type"], Is.EqualTo("observation"), reset.ToJsonString());
        Assert.That((string?)reset["data"]!["observation"]!["messages"]![1]!["content"], Is.EqualTo((await BenchDataset.LoadDefaultAsync()).Find("3")!.Instruction));
    }
}
