using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using WebGen.Testing;
using WebGen.Training.Server;
using WebGen.Training.Server.Tests;

namespace WebGen.Orleans.Tests;

/// <summary>
/// The environment server fronting a cluster (<c>AddWebGenClusterEpisodes</c>): three in-process silos with 1, 2 and 2
/// slots checkpointing to a real redis-server, the server on real HTTP, and a trainer whose policy is the loopback
/// OpenAI-compatible server answering from the episode's observations.
/// </summary>
[NonParallelizable]
public sealed class EnvironmentServerClusterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private ThreeSilos _silos = null!;
    private WebGenClusterEnvironment _environment = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _silos = await ThreeSilos.StartAsync();
        _environment = new WebGenClusterEnvironment(_silos.Cluster.Client, Options());
    }

    [TearDown]
    public async Task StopAsync() => await _silos.DisposeAsync();

    [Test]
    public async Task Episodes_created_through_the_server_land_on_workers_by_capacity_and_a_full_cluster_answers_the_servers_429()
    {
        await using var server = await ServerAsync(cluster: true, maxEpisodes: 10);
        for (var i = 0; i < 5; i++)
        {
            using var created = await server.Client.PostAsJsonAsync("episodes", new JsonObject { ["instruction"] = ClusterWorld.Instruction("cap" + i, 2), ["id"] = "cap-" + (char)('a' + i) });
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        }

        var workers = await _environment.GetWorkersAsync();
        Assert.That(workers.Select(w => w.Running.Count), Is.EqualTo(workers.Select(w => w.Capacity)), "each worker holds exactly its slots: " + string.Join(", ", workers.Select(w => $"{w.Silo}={string.Join('+', w.Running)}")));
        Assert.That(workers.SelectMany(w => w.Running).Order(), Is.EqualTo(new[] { "cap-a", "cap-b", "cap-c", "cap-d", "cap-e" }));

        using var full = await server.Client.PostAsJsonAsync("episodes", new JsonObject { ["instruction"] = ClusterWorld.Instruction("cap5", 2), ["id"] = "cap-f" });
        var problem = JsonNode.Parse(await full.Content.ReadAsStringAsync())!;
        Assert.Multiple(() =>
        {
            Assert.That(full.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), problem.ToJsonString());
            Assert.That(full.Headers.RetryAfter, Is.Not.Null);
            Assert.That((string?)problem["detail"], Does.Contain("cluster's workers"));
        });

        using (var deleted = await server.Client.DeleteAsync(new Uri("episodes/cap-c", UriKind.Relative)))
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        Assert.That((await _environment.GetWorkersAsync()).Sum(w => w.Running.Count), Is.EqualTo(4), "deleting an episode frees its worker's slot");
        using var again = await server.Client.PostAsJsonAsync("episodes", new JsonObject { ["instruction"] = ClusterWorld.Instruction("cap5", 2), ["id"] = "cap-f" });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Created), await again.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task An_openenv_episode_through_the_cluster_observes_and_earns_exactly_what_a_local_server_gives()
    {
        var instruction = ClusterWorld.Instruction("compare", 4);
        IReadOnlyList<JsonObject> local, remote;
        await using (var server = await ServerAsync(cluster: false))
        {
            local = await PlayAsync(server.Client, instruction, "compare");
        }

        await using (var server = await ServerAsync(cluster: true))
        {
            remote = await PlayAsync(server.Client, instruction, "compare");
            using var state = await server.Client.GetAsync(new Uri("state", UriKind.Relative));
            var body = JsonNode.Parse(await state.Content.ReadAsStringAsync())!;
            Assert.That((int?)body["step_count"], Is.EqualTo(4), body.ToJsonString());
        }

        Assert.That(remote, Has.Count.EqualTo(5), "a reset and four steps");
        Assert.That(remote.Select(r => r.ToJsonString()), Is.EqualTo(local.Select(r => r.ToJsonString())), "observations, rewards and done are identical");
        Assert.That(remote.Skip(1).Select(r => (double?)r["reward"]).Distinct().Count(), Is.GreaterThan(1), "the steps earn different rewards, so equality says something");
        Assert.That((bool?)remote[^1]["done"], Is.True);
        var checkpoint = await RunCheckpoint.LoadAsync(new RedisRunStore(_silos.Redis.Connection.GetDatabase(), "compare"), _silos.Temp.Combine("check"));
        Assert.That(checkpoint.IsComplete, Is.True, "the done episode was completed on its worker");
        Assert.That((await _environment.GetWorkersAsync()).Sum(w => w.Running.Count), Is.Zero, "a done episode frees its slot");
    }

    [Test]
    public async Task An_openenv_websocket_session_through_the_cluster_resets_on_a_bench_task_steps_and_frees_the_slot_when_it_closes()
    {
        var task = (await WebGen.Bench.BenchDataset.LoadDefaultAsync()).Find("000002")!;
        await using var server = await ServerAsync(cluster: true);
        using var socket = await OpenEnvSocket.ConnectAsync(server.Client.BaseAddress!, server.ApiKey);

        var reset = await socket.RequestAsync(new JsonObject { ["type"] = "reset", ["data"] = new JsonObject { ["task_id"] = "2", ["episode_id"] = "ws-bench" } }, "observation");
        var chat = Messages(reset).ToList();
        Assert.That(chat[1].Text, Is.EqualTo(task.Instruction), "the worker works on the bench task's instruction");
        Assert.That((await _environment.GetWorkersAsync()).SelectMany(w => w.Running), Is.EqualTo(new[] { "ws-bench" }));

        var step = await socket.RequestAsync(new JsonObject { ["type"] = "step", ["data"] = new JsonObject { ["message"] = "I would rather not write code." } }, "observation");
        Assert.That((string?)step["observation"]!["step"]!["kind"], Is.EqualTo("bad_format"));
        Assert.That((double?)step["reward"], Is.EqualTo(-1.0));
        Assert.That((bool?)step["done"], Is.False);
        Assert.That((await _environment.GetWorkersAsync()).SelectMany(w => w.Running), Is.EqualTo(new[] { "ws-bench" }), "the episode stays open on its worker");

        await socket.SendAsync("{\"type\": \"close\"}");
        Assert.That(await socket.ReceiveAsync(), Is.Null, "the server closes the session");
        Assert.That(socket.Socket.CloseStatus, Is.EqualTo(WebSocketCloseStatus.NormalClosure));
        var deadline = DateTime.UtcNow + Patience;
        while ((await _environment.GetWorkersAsync()).Sum(w => w.Running.Count) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.That((await _environment.GetWorkersAsync()).Sum(w => w.Running.Count), Is.Zero, "closing the session ends its episode and frees the worker's slot");
    }

    [Test]
    public async Task A_silo_stopped_mid_step_resumes_the_episode_on_another_from_its_last_step_and_the_step_still_answers()
    {
        var instruction = ClusterWorld.Instruction("failover", 4);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _silos.World.BeforeSite = async (episode, step, ct) =>
        {
            if (episode == "failover" && step == 2 && held.TrySetResult())
            {
                await Task.Delay(Timeout.Infinite, ct); // the first attempt at step 2 hangs until its silo goes away
            }
        };

        IReadOnlyList<JsonObject> local;
        await using (var server = await ServerAsync(cluster: false))
        {
            local = await PlayAsync(server.Client, instruction, "failover-local");
        }

        await using var remote = await ServerAsync(cluster: true);
        var chat = new List<ChatMessage>();
        var results = new List<JsonObject>();
        var reset = await SendAsync(remote.Client, "reset", new JsonObject { ["instruction"] = instruction, ["episode_id"] = "failover" });
        results.Add(reset);
        chat.AddRange(Messages(reset));
        results.Add(await StepAsync(remote.Client, chat));

        var step2 = StepAsync(remote.Client, chat);
        await held.Task.WaitAsync(Patience);
        var first = (await _environment.GetWorkersAsync()).Single(w => w.Running.Contains("failover")).Silo;
        await _silos.Cluster.StopSiloAsync(_silos.Cluster.Silos.Single(s => s.SiloAddress.ToParsableString() == first));
        results.Add(await step2.WaitAsync(Patience));
        while ((bool?)results[^1]["done"] != true)
        {
            results.Add(await StepAsync(remote.Client, chat));
        }

        var checkpoint = await RunCheckpoint.LoadAsync(new RedisRunStore(_silos.Redis.Connection.GetDatabase(), "failover"), _silos.Temp.Combine("check"));
        var now = (await _environment.GetWorkersAsync()).Select(w => w.Silo).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(results.Skip(1).Select(r => (int?)r["observation"]!["step"]!["number"]), Is.EqualTo(new[] { 1, 2, 3, 4 }), "the interrupted step answered once");
            Assert.That(results.Skip(1).Select(r => ScrubId(r)), Is.EqualTo(local.Skip(1).Select(r => ScrubId(r))), "the same observations and rewards as an uninterrupted local episode");
            Assert.That(checkpoint.Steps.Select(s => s.Node.Step), Is.EqualTo(new[] { 1, 2, 3, 4 }), "no step recorded twice, none lost");
            Assert.That(checkpoint.IsComplete, Is.True);
            Assert.That(now, Does.Not.Contain(first));
        });
    }

    [Test]
    public async Task An_episode_whose_run_is_gone_from_the_store_when_its_silo_stops_fails_its_step_with_a_problem_naming_it()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _silos.World.BeforeSite = async (episode, step, ct) =>
        {
            if (episode == "lost" && step == 1 && held.TrySetResult())
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
        };

        await using var server = await ServerAsync(cluster: true);
        var chat = new List<ChatMessage>();
        chat.AddRange(Messages(await SendAsync(server.Client, "reset", new JsonObject { ["instruction"] = ClusterWorld.Instruction("lost", 3), ["episode_id"] = "lost" })));
        var answer = (await _silos.World.Server.CreateChatClient().GetResponseAsync(chat)).Text;
        var step = server.Client.PostAsJsonAsync("step", new JsonObject { ["action"] = new JsonObject { ["message"] = answer } });
        await held.Task.WaitAsync(Patience);
        await _silos.Redis.Connection.GetDatabase().KeyDeleteAsync(new RedisRunStore(_silos.Redis.Connection.GetDatabase(), "lost").Key); // the shared checkpoints are gone
        var silo = (await _environment.GetWorkersAsync()).Single(w => w.Running.Contains("lost")).Silo;
        await _silos.Cluster.StopSiloAsync(_silos.Cluster.Silos.Single(s => s.SiloAddress.ToParsableString() == silo));

        using var response = await step.WaitAsync(Patience);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError), problem.ToJsonString());
            Assert.That((string?)problem["detail"], Does.Contain("'lost'").And.Contain("could not be resumed"));
        });
    }

    private static string ScrubId(JsonObject result)
    {
        var copy = JsonNode.Parse(result.ToJsonString())!.AsObject();
        copy["observation"]!.AsObject().Remove("episode_id");
        return copy.ToJsonString();
    }

    private static WebGenClusterOptions Options() => new() { PollWait = TimeSpan.FromSeconds(1), QueueInterval = TimeSpan.FromMilliseconds(50), WorkersUnavailableTimeout = TimeSpan.FromSeconds(60) };

    private static IEnumerable<ChatMessage> Messages(JsonNode result) =>
        result["observation"]!["messages"]!.AsArray().Select(m => new ChatMessage(new ChatRole((string)m!["role"]!), (string?)m["content"]));

    private async Task<Served> ServerAsync(bool cluster, int maxEpisodes = 8)
    {
        var server = await WebGenEnvironmentServer.StartAsync(
            services =>
            {
                if (cluster)
                {
                    services.AddSingleton<IGrainFactory>(_silos.Cluster.Client);
                    services.AddWebGenClusterEpisodes(o =>
                    {
                        o.PollWait = TimeSpan.FromSeconds(1);
                        o.QueueInterval = TimeSpan.FromMilliseconds(50);
                        o.WorkersUnavailableTimeout = TimeSpan.FromSeconds(60);
                    });
                }
                else
                {
                    _silos.World.Use(services.AddWebGenAgent(o => o.RunsDirectory = _silos.Temp.Combine("local", Guid.NewGuid().ToString("N"))));
                }
            },
            o => o.MaxConcurrentEpisodes = maxEpisodes);
        var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = Patience };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.ApiKey);
        return new Served(server, client);
    }

    /// <summary>A trainer's OpenEnv loop over HTTP: reset, then step with the policy's answer until done.</summary>
    private async Task<IReadOnlyList<JsonObject>> PlayAsync(HttpClient client, string instruction, string id)
    {
        var results = new List<JsonObject>();
        var chat = new List<ChatMessage>();
        var result = await SendAsync(client, "reset", new JsonObject { ["instruction"] = instruction, ["episode_id"] = id });
        results.Add(result);
        chat.AddRange(Messages(result));
        while ((bool?)result["done"] != true)
        {
            result = await StepAsync(client, chat);
            results.Add(result);
        }

        return results;
    }

    private async Task<JsonObject> StepAsync(HttpClient client, List<ChatMessage> chat)
    {
        var answer = (await _silos.World.Server.CreateChatClient().GetResponseAsync(chat)).Text;
        chat.Add(new ChatMessage(ChatRole.Assistant, answer));
        var result = await SendAsync(client, "step", new JsonObject { ["action"] = new JsonObject { ["message"] = answer } });
        chat.AddRange(Messages(result));
        return result;
    }

    private static async Task<JsonObject> SendAsync(HttpClient client, string path, JsonObject body)
    {
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return JsonNode.Parse(text)!.AsObject();
    }

    private sealed class Served(WebGenEnvironmentServer server, HttpClient client) : IAsyncDisposable
    {
        public HttpClient Client { get; } = client;

        public string? ApiKey => server.ApiKey;

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await server.DisposeAsync();
        }
    }
}
