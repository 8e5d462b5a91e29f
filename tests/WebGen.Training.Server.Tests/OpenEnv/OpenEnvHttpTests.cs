using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace WebGen.Training.Server.Tests;

/// <summary>OpenEnv's HTTP routes (<c>/reset</c>, <c>/step</c>, <c>/state</c>, <c>/health</c>) over real HTTP.</summary>
public sealed class OpenEnvHttpTests
{
    [Test]
    public async Task Reset_step_state_and_health_follow_OpenEnvs_shapes_with_a_scripted_policy()
    {
        await using var server = await TestServer.StartAsync();
        await using var policy = await ScriptedPolicy.StartAsync(World.Code(4, gui: 3), World.Validate, World.Finish);

        using var resetResponse = await server.PostAsync("reset", new JsonObject { ["instruction"] = "A bakery landing page", ["max_steps"] = 4, ["seed"] = 7 });
        var reset = await TestServer.ExpectAsync(resetResponse, HttpStatusCode.OK);
        var id = (string)reset["observation"]!["episode_id"]!;
        Assert.That(resetResponse.Headers.GetValues("X-Episode-Id"), Is.EqualTo(new[] { id }));
        Assert.That(reset["reward"], Is.Null);
        Assert.That((bool)reset["done"]!, Is.False);
        Assert.That((int)reset["observation"]!["max_steps"]!, Is.EqualTo(4));
        Assert.That(reset["observation"]!["messages"]!.AsArray().Select(m => (string?)m!["role"]), Is.EqualTo(new[] { "system", "user" }));
        Assert.That((string?)reset["observation"]!["messages"]![1]!["content"], Is.EqualTo("A bakery landing page"));
        policy.Observe(reset["observation"]!["messages"]);

        var code = await StepAsync(server, await policy.ActAsync());
        Assert.That((double)code["reward"]!, Is.EqualTo(4.0));
        Assert.That((bool)code["done"]!, Is.False);
        Assert.That((string?)code["observation"]!["step"]!["kind"], Is.EqualTo("code"));
        Assert.That((int)code["observation"]!["scores"]!["screenshot_grade"]!, Is.EqualTo(4));
        var feedback = code["observation"]!["messages"]!.AsArray();
        Assert.That(feedback.Select(m => (string?)m!["role"]), Is.EqualTo(new[] { "user" }));
        Assert.That((string?)feedback[0]!["content"], Does.Contain("A bakery landing page"), "the feedback repeats the instruction");
        policy.Observe(feedback);

        var validate = await StepAsync(server, await policy.ActAsync());
        Assert.That((double)validate["reward"]!, Is.EqualTo(7.0));
        Assert.That((int?)validate["observation"]!["reward_info"]!["inherited_from_step"], Is.EqualTo(1));
        Assert.That(Values(validate["observation"]!["rewards"]), Is.EqualTo(new[] { 7.0, 7 }), "the validation credits the code step");
        policy.Observe(validate["observation"]!["messages"]);

        var finish = await StepAsync(server, await policy.ActAsync());
        Assert.That((bool)finish["done"]!, Is.True);
        Assert.That((double)finish["reward"]!, Is.EqualTo(7.0));
        Assert.That(finish["observation"]!["messages"]!.AsArray(), Is.Empty, "nothing more to show the policy");
        Assert.That((string?)finish["observation"]!["stop_reason"], Is.EqualTo("finished"));

        var calls = policy.Model.Calls;
        Assert.That(calls, Has.Count.EqualTo(3));
        Assert.That(calls[1].LastUserText, Is.EqualTo((string?)feedback[0]!["content"]), "the model saw the step's observation next");

        using var stateResponse = await server.Client.GetAsync(new Uri("state", UriKind.Relative));
        var state = await TestServer.ExpectAsync(stateResponse, HttpStatusCode.OK);
        Assert.That((string?)state["episode_id"], Is.EqualTo(id));
        Assert.That((int)state["step_count"]!, Is.EqualTo(3));
        Assert.That((bool)state["done"]!, Is.True);
        Assert.That(Values(state["rewards"]), Is.EqualTo(new[] { 7.0, 7, 7 }));

        // The same episode through the native endpoint: one machinery, one record.
        var native = await server.GetAsync(id);
        Assert.That(native["rewards"]!.AsArray().Select(r => (double)r!["value"]!), Is.EqualTo(new[] { 7.0, 7, 7 }));
        Assert.That(server.World.Session(id).IsDisposed, Is.True, "a done episode releases its sandbox at once");

        using var anonymous = new HttpClient { BaseAddress = server.Server.BaseAddress };
        using var healthResponse = await anonymous.GetAsync(new Uri("health", UriKind.Relative));
        var health = await TestServer.ExpectAsync(healthResponse, HttpStatusCode.OK);
        Assert.That(health.ToJsonString(), Is.EqualTo("{\"status\":\"healthy\"}"), "health needs no key");
    }

    [Test]
    public async Task Bad_requests_get_clear_problems()
    {
        await using var server = await TestServer.StartAsync();

        using (var response = await server.PostAsync("step", Step(World.Code(3))))
        {
            var problem = await TestServer.ExpectProblemAsync(response, HttpStatusCode.Conflict);
            Assert.That((string?)problem["detail"], Does.Contain("POST /reset"));
        }

        using (var response = await server.Client.GetAsync(new Uri("state", UriKind.Relative)))
        {
            var state = await TestServer.ExpectAsync(response, HttpStatusCode.OK);
            Assert.That(state["episode_id"], Is.Null, "before any reset the state is OpenEnv's empty one");
            Assert.That((int)state["step_count"]!, Is.Zero);
        }

        using (var response = await server.PostRawAsync("reset", "{\"instruction\": "))
        {
            await TestServer.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        }

        using (var response = await server.PostAsync("reset", new JsonObject { ["max_steps"] = 0 }))
        {
            var problem = await TestServer.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "instruction", "max_steps" }));
        }

        using (var response = await server.PostAsync("reset", new JsonObject { ["instruction"] = "A shop", ["maxSteps"] = 3 }))
        {
            var problem = await TestServer.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.That((string?)problem["detail"], Does.Contain("maxSteps"), "a misspelt (camelCase) field is an error, not a silent default");
        }

        using (var response = await server.PostAsync("reset", new JsonObject { ["instruction"] = "A shop", ["max_steps"] = 1 }))
        {
            await TestServer.ExpectAsync(response, HttpStatusCode.OK);
        }

        using (var response = await server.PostAsync("step", new JsonObject { ["action"] = new JsonObject() }))
        {
            var problem = await TestServer.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.That(problem["errors"]!["action.message"], Is.Not.Null);
        }

        using (var response = await server.PostAsync("step", Step(World.Code(3))))
        {
            var done = await TestServer.ExpectAsync(response, HttpStatusCode.OK);
            Assert.That((bool)done["done"]!, Is.True, "a budget of one step");
        }

        using (var response = await server.PostAsync("step", Step(World.Code(3))))
        {
            var problem = await TestServer.ExpectProblemAsync(response, HttpStatusCode.Conflict);
            Assert.That((string?)problem["detail"], Does.Contain("is done"));
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri("state", UriKind.Relative)))
        {
            request.Headers.Add("X-Episode-Id", "no-such-episode");
            using var response = await server.Client.SendAsync(request);
            await TestServer.ExpectProblemAsync(response, HttpStatusCode.NotFound);
        }

        using var anonymous = new HttpClient { BaseAddress = server.Server.BaseAddress };
        using (var response = await anonymous.PostAsJsonAsync(new Uri("reset", UriKind.Relative), new JsonObject { ["instruction"] = "A shop" }))
        {
            await TestServer.ExpectProblemAsync(response, HttpStatusCode.Unauthorized);
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri("health", UriKind.Relative)))
        {
            request.Headers.Host = "attacker.example";
            using var response = await anonymous.SendAsync(request);
            await TestServer.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        }

        using (var response = await server.Client.GetAsync(new Uri("ws", UriKind.Relative)))
        {
            var problem = await TestServer.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.That((string?)problem["detail"], Does.Contain("WebSocket"));
        }
    }

    [Test]
    public async Task A_new_reset_ends_the_previous_default_episode_and_X_Episode_Id_addresses_any_open_one()
    {
        await using var server = await TestServer.StartAsync();
        using var first = await server.PostAsync("reset", new JsonObject { ["instruction"] = "Site A", ["episode_id"] = "first" });
        await TestServer.ExpectAsync(first, HttpStatusCode.OK);
        var native = (string)(await server.CreateAsync("Site N", id: "native"))["id"]!;

        using var second = await server.PostAsync("reset", new JsonObject { ["instruction"] = "Site B", ["episode_id"] = "second" });
        await TestServer.ExpectAsync(second, HttpStatusCode.OK);
        Assert.That(server.World.Session("first").IsDisposed, Is.True, "the replaced default episode released its sandbox");
        using (var gone = await server.Client.GetAsync(new Uri("episodes/first", UriKind.Relative)))
        {
            await TestServer.ExpectProblemAsync(gone, HttpStatusCode.NotFound);
        }

        var step = await StepAsync(server, World.Code(2));
        Assert.That((string?)step["observation"]!["episode_id"], Is.EqualTo("second"));

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("step", UriKind.Relative)) { Content = JsonContent.Create(Step(World.Code(5))) };
        request.Headers.Add("X-Episode-Id", native);
        using var response = await server.Client.SendAsync(request);
        var named = await TestServer.ExpectAsync(response, HttpStatusCode.OK);
        Assert.That((string?)named["observation"]!["episode_id"], Is.EqualTo(native));
        Assert.That((double)named["reward"]!, Is.EqualTo(5.0));
        Assert.That((string?)named["observation"]!["messages"]![0]!["content"], Does.Contain("Site N"));
        Assert.That((int)(await server.GetAsync("second"))["steps"]!, Is.EqualTo(1), "the default episode was not stepped");
    }

    [Test]
    public async Task A_reset_mid_episode_frees_the_only_slot_and_a_deleted_default_episode_is_not_found()
    {
        await using var server = await TestServer.StartAsync(o => o.MaxConcurrentEpisodes = 1);
        using (var first = await server.PostAsync("reset", new JsonObject { ["instruction"] = "Site A", ["episode_id"] = "a" }))
        {
            await TestServer.ExpectAsync(first, HttpStatusCode.OK);
        }

        await StepAsync(server, World.Code(2));
        using (var second = await server.PostAsync("reset", new JsonObject { ["instruction"] = "Site B", ["episode_id"] = "b" }))
        {
            await TestServer.ExpectAsync(second, HttpStatusCode.OK);
        }

        Assert.That(server.World.Session("a").IsDisposed, Is.True);
        using (var deleted = await server.Client.DeleteAsync(new Uri("episodes/b", UriKind.Relative)))
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        using var response = await server.PostAsync("step", Step(World.Code(2)));
        var problem = await TestServer.ExpectProblemAsync(response, HttpStatusCode.NotFound);
        Assert.That((string?)problem["detail"], Does.Contain("'b'"));
    }

    private static JsonObject Step(string message) => new() { ["action"] = new JsonObject { ["message"] = message, ["metadata"] = new JsonObject() } };

    private static async Task<JsonObject> StepAsync(TestServer server, string message)
    {
        using var response = await server.PostAsync("step", Step(message));
        return await TestServer.ExpectAsync(response, HttpStatusCode.OK);
    }

    private static double[] Values(JsonNode? array) => [.. array!.AsArray().Select(v => (double)v!)];
}
