using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace WebGen.Training.Server.Tests;

/// <summary>OpenEnv's WebSocket session (<c>/ws</c>) over a real <see cref="ClientWebSocket"/>.</summary>
public sealed class OpenEnvWebSocketTests
{
    [Test]
    public async Task A_session_resets_steps_and_reads_state_with_a_scripted_policy_and_close_ends_its_episode()
    {
        await using var server = await TestServer.StartAsync();
        await using var policy = await ScriptedPolicy.StartAsync(World.Code(4, gui: 3), World.Validate, World.Finish);
        using var socket = await OpenEnvSocket.ConnectAsync(server);

        var empty = await socket.RequestAsync("{\"type\": \"state\"}", "state");
        Assert.That(empty["episode_id"], Is.Null);
        Assert.That((int)empty["step_count"]!, Is.Zero);

        var reset = await socket.RequestAsync(new JsonObject { ["type"] = "reset", ["data"] = new JsonObject { ["instruction"] = "A bakery landing page", ["episode_id"] = "ws-1" } }, "observation");
        Assert.That((string?)reset["observation"]!["episode_id"], Is.EqualTo("ws-1"));
        Assert.That(reset["reward"], Is.Null);
        Assert.That((bool)reset["done"]!, Is.False);
        Assert.That((int)reset["observation"]!["max_steps"]!, Is.EqualTo(5), "the server's default budget");
        policy.Observe(reset["observation"]!["messages"]);

        var results = new List<JsonObject>();
        for (var i = 0; i < 3; i++)
        {
            var result = await socket.RequestAsync(new JsonObject { ["type"] = "step", ["data"] = new JsonObject { ["message"] = await policy.ActAsync(), ["metadata"] = new JsonObject() } }, "observation");
            policy.Observe(result["observation"]!["messages"]);
            results.Add(result);
        }

        Assert.That(results.Select(r => (double)r["reward"]!), Is.EqualTo(new[] { 4.0, 7, 7 }));
        Assert.That(results.Select(r => (bool)r["done"]!), Is.EqualTo(new[] { false, false, true }));
        Assert.That(results.Select(r => (string?)r["observation"]!["step"]!["kind"]), Is.EqualTo(new[] { "code", "validate", "finish" }));
        Assert.That(policy.Model.Calls[1].LastUserText, Is.EqualTo((string?)results[0]["observation"]!["messages"]![0]!["content"]), "the model saw the step's feedback next");

        var state = await socket.RequestAsync("{\"type\": \"state\"}", "state");
        Assert.That((string?)state["episode_id"], Is.EqualTo("ws-1"));
        Assert.That((int)state["step_count"]!, Is.EqualTo(3));
        Assert.That((bool)state["done"]!, Is.True);
        Assert.That((string?)state["stop_reason"], Is.EqualTo("finished"));

        await socket.SendAsync("{\"type\": \"close\"}");
        Assert.That(await socket.ReceiveAsync(), Is.Null, "the server closes the socket");
        Assert.That(socket.Socket.CloseStatus, Is.EqualTo(WebSocketCloseStatus.NormalClosure));
        using var gone = await server.Client.GetAsync(new Uri("episodes/ws-1", UriKind.Relative));
        await TestServer.ExpectProblemAsync(gone, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Bad_messages_get_error_messages_and_the_session_keeps_serving()
    {
        await using var server = await TestServer.StartAsync();
        using var socket = await OpenEnvSocket.ConnectAsync(server);

        await socket.ExpectErrorAsync("{\"type\": \"reset\", ", "INVALID_JSON", 400);
        await socket.ExpectErrorAsync("[1, 2]", "VALIDATION_ERROR", 400);
        var unknown = await socket.ExpectErrorAsync("{\"type\": \"jump\"}", "UNKNOWN_TYPE", 400);
        Assert.That((string?)unknown["message"], Does.Contain("jump").And.Contain("reset"));
        await socket.ExpectErrorAsync("{\"type\": \"state\", \"extra\": 1}", "VALIDATION_ERROR", 400);
        var early = await socket.ExpectErrorAsync("{\"type\": \"step\", \"data\": {\"message\": \"hi\"}}", "EXECUTION_ERROR", 409);
        Assert.That((string?)early["message"], Does.Contain("reset"));
        await socket.ExpectErrorAsync("{\"type\": \"reset\", \"data\": {\"max_steps\": 2}}", "VALIDATION_ERROR", 400);
        await socket.ExpectErrorAsync("{\"type\": \"reset\", \"data\": {\"instruction\": \"A shop\", \"max_steps\": \"two\"}}", "VALIDATION_ERROR", 400);

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await socket.Socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, endOfMessage: true, timeout.Token);
        }

        var binary = await socket.ReceiveAsync();
        Assert.That((string?)binary!["data"]!["code"], Is.EqualTo("INVALID_JSON"));

        await socket.RequestAsync("{\"type\": \"reset\", \"data\": {\"instruction\": \"A shop\", \"max_steps\": 1}}", "observation");
        await socket.ExpectErrorAsync("{\"type\": \"step\", \"data\": {}}", "VALIDATION_ERROR", 400);
        var done = await socket.RequestAsync("{\"type\": \"step\", \"data\": {\"message\": \"" + World.Code(3).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"}}", "observation");
        Assert.That((bool)done["done"]!, Is.True);
        var after = await socket.ExpectErrorAsync("{\"type\": \"step\", \"data\": {\"message\": \"again\"}}", "EXECUTION_ERROR", 409);
        Assert.That((string?)after["message"], Does.Contain("is done"));

        var state = await socket.RequestAsync("{\"type\": \"state\"}", "state");
        Assert.That((int)state["step_count"]!, Is.EqualTo(1), "the session still serves after every error");
    }

    [Test]
    public async Task Closing_the_socket_mid_step_cancels_the_step_and_frees_the_episodes_slot()
    {
        await using var server = await TestServer.StartAsync(o => o.MaxConcurrentEpisodes = 1);
        var socket = await OpenEnvSocket.ConnectAsync(server);
        await socket.RequestAsync("{\"type\": \"reset\", \"data\": {\"instruction\": \"A slow site\", \"episode_id\": \"slow\"}}", "observation");
        await socket.SendAsync(new JsonObject { ["type"] = "step", ["data"] = new JsonObject { ["message"] = World.Code("block") } }.ToJsonString());
        await server.World.Blocked.Task.WaitAsync(TimeSpan.FromSeconds(60));

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await socket.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
        }

        socket.Dispose();
        var session = server.World.Session("slow");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!session.IsDisposed && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.That(session.IsDisposed, Is.True, "the blocked step was cancelled and the sandbox released");
        using var gone = await server.Client.GetAsync(new Uri("episodes/slow", UriKind.Relative));
        await TestServer.ExpectProblemAsync(gone, HttpStatusCode.NotFound);
        await server.CreateAsync("The next one", id: "next");
    }

    [Test]
    public async Task Pings_are_answered_while_a_long_step_runs()
    {
        await using var server = await TestServer.StartAsync();
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + server.Server.ApiKey);
        socket.Options.KeepAliveInterval = TimeSpan.FromMilliseconds(200);
        socket.Options.KeepAliveTimeout = TimeSpan.FromMilliseconds(2500);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await socket.ConnectAsync(OpenEnvSocket.AddressOf(server), timeout.Token);
        var reset = new JsonObject { ["type"] = "reset", ["data"] = new JsonObject { ["instruction"] = "A slow site" } }.ToJsonString();
        await socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(reset), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
        var buffer = new byte[1 << 20];
        var first = await socket.ReceiveAsync(buffer.AsMemory(), timeout.Token);
        Assert.That(first.EndOfMessage, Is.True);
        var step = new JsonObject { ["type"] = "step", ["data"] = new JsonObject { ["message"] = World.Code("block") } }.ToJsonString();
        await socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(step), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
        await server.World.Blocked.Task.WaitAsync(TimeSpan.FromSeconds(60));

        // The step's answer will not come while it blocks; a client whose pings go unanswered for 2.5 s aborts.
        var pending = socket.ReceiveAsync(buffer.AsMemory(), timeout.Token).AsTask();
        await Task.Delay(TimeSpan.FromSeconds(6));

        Assert.That(pending.IsCompleted, Is.False, pending.Exception?.ToString());
        Assert.That(socket.State, Is.EqualTo(WebSocketState.Open));
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
        Assert.That((await pending).MessageType, Is.EqualTo(WebSocketMessageType.Close), "the server cancels the step and closes");
    }

    [Test]
    public async Task A_reset_ends_the_sessions_previous_episode_and_a_full_server_answers_capacity_reached()
    {
        await using var server = await TestServer.StartAsync(o => o.MaxConcurrentEpisodes = 1);
        using var first = await OpenEnvSocket.ConnectAsync(server);
        using var second = await OpenEnvSocket.ConnectAsync(server);

        await first.RequestAsync("{\"type\": \"reset\", \"data\": {\"instruction\": \"One\", \"episode_id\": \"one\"}}", "observation");
        await first.RequestAsync("{\"type\": \"reset\", \"data\": {\"instruction\": \"Two\", \"episode_id\": \"two\"}}", "observation");
        Assert.That(server.World.Session("one").IsDisposed, Is.True, "the session's earlier episode ended and freed the only slot");

        var full = await second.ExpectErrorAsync("{\"type\": \"reset\", \"data\": {\"instruction\": \"Three\"}}", "CAPACITY_REACHED", 429);
        Assert.That((int?)full["retry_after"], Is.EqualTo(10));

        first.Socket.Abort();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        JsonObject reply;
        do
        {
            await Task.Delay(50);
            await second.SendAsync("{\"type\": \"reset\", \"data\": {\"instruction\": \"Three\", \"episode_id\": \"three\"}}");
            reply = (await second.ReceiveAsync())!;
        }
        while ((string?)reply["type"] == "error" && DateTime.UtcNow < deadline);

        Assert.That((string?)reply["type"], Is.EqualTo("observation"), "an aborted connection frees its episode's slot: " + reply.ToJsonString());
        Assert.That(server.World.Session("two").IsDisposed, Is.True);
    }

    [Test]
    public async Task A_message_over_the_size_limit_gets_an_error_and_closes_the_session()
    {
        await using var server = await TestServer.StartAsync();
        using var socket = await OpenEnvSocket.ConnectAsync(server);
        await socket.RequestAsync("{\"type\": \"reset\", \"data\": {\"instruction\": \"A shop\", \"episode_id\": \"big\"}}", "observation");

        await socket.SendAsync("{\"type\": \"step\", \"data\": {\"message\": \"" + new string('x', 16 * 1024 * 1024) + "\"}}");

        var error = await socket.ReceiveAsync();
        Assert.That((string?)error!["data"]!["code"], Is.EqualTo("VALIDATION_ERROR"));
        Assert.That((int?)error["data"]!["status"], Is.EqualTo(413));
        Assert.That(await socket.ReceiveAsync(), Is.Null);
        Assert.That(socket.Socket.CloseStatus, Is.EqualTo(WebSocketCloseStatus.MessageTooBig));
        Assert.That(server.World.Session("big").IsDisposed, Is.True, "the session's episode ended with it");
    }

    [Test]
    public async Task Connecting_without_the_key_is_refused_before_the_upgrade()
    {
        await using var server = await TestServer.StartAsync();
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        Assert.That(async () => await socket.ConnectAsync(OpenEnvSocket.AddressOf(server), timeout.Token), Throws.InstanceOf<WebSocketException>());
        Assert.That(socket.HttpStatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_stopping_server_closes_its_sessions_as_going_away()
    {
        var server = await TestServer.StartAsync();
        try
        {
            using var socket = await OpenEnvSocket.ConnectAsync(server);
            await socket.RequestAsync("{\"type\": \"reset\", \"data\": {\"instruction\": \"A shop\", \"episode_id\": \"stop\"}}", "observation");

            var closed = socket.ReceiveAsync();
            await server.Server.StopAsync();

            Assert.That(await closed, Is.Null);
            Assert.That(socket.Socket.CloseStatus, Is.EqualTo(WebSocketCloseStatus.EndpointUnavailable));
            Assert.That(server.World.Session("stop").IsDisposed, Is.True);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
