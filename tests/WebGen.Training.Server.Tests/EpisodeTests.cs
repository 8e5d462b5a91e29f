using System.Net;
using System.Text.Json.Nodes;

namespace WebGen.Training.Server.Tests;

public sealed class EpisodeTests
{
    [Test]
    public async Task Creating_an_episode_returns_its_id_the_prompt_messages_and_the_default_budget_of_five_steps()
    {
        await using var server = await TestServer.StartAsync();
        using var response = await server.PostAsync("episodes", new JsonObject { ["instruction"] = "A bakery landing page" });
        var created = await TestServer.ExpectAsync(response, HttpStatusCode.Created);

        var id = (string)created["id"]!;
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/episodes/" + id));
        Assert.That((int)created["maxSteps"]!, Is.EqualTo(5));
        var observation = created["observation"]!.AsArray();
        Assert.That(observation.Select(m => (string?)m!["role"]), Is.EqualTo(new[] { "system", "user" }));
        Assert.That((string?)observation[0]!["content"], Does.Contain("boltArtifact"), "the system prompt teaches the Bolt markup");
        Assert.That((string?)observation[1]!["content"], Is.EqualTo("A bakery landing page"));
        Assert.That(server.World.Session(id).IsDisposed, Is.False);
    }

    [Test]
    public async Task Code_validate_finish_gets_the_reference_rewards_and_ends_the_episode()
    {
        await using var server = await TestServer.StartAsync();
        var id = (string)(await server.CreateAsync(id: "cvf-1"))["id"]!;

        var code = await server.StepAsync(id, World.Code(4, gui: 3));
        Assert.That((int)code["step"]!["number"]!, Is.EqualTo(1));
        Assert.That((string?)code["step"]!["kind"], Is.EqualTo("code"));
        Assert.That((int)code["scores"]!["screenshotGrade"]!, Is.EqualTo(4));
        Assert.That((int)code["scores"]!["guiGrade"]!, Is.EqualTo(0));
        Assert.That((bool)code["scores"]!["hasError"]!, Is.False);
        Assert.That((double)code["reward"]!["value"]!, Is.EqualTo(4.0), "not validated yet: screenshot grade only");
        Assert.That((string?)code["observation"], Does.Contain("A todo list with a dark theme"), "the feedback repeats the instruction");
        Assert.That((bool)code["done"]!, Is.False);
        Assert.That(code["stopReason"], Is.Null);

        var validate = await server.StepAsync(id, World.Validate);
        Assert.That((string?)validate["step"]!["kind"], Is.EqualTo("validate"));
        Assert.That((int)validate["scores"]!["guiGrade"]!, Is.EqualTo(3));
        Assert.That((double)validate["reward"]!["value"]!, Is.EqualTo(7.0));
        Assert.That((int?)validate["reward"]!["inheritedFromStep"], Is.EqualTo(1));
        Assert.That(Values(validate["rewards"]), Is.EqualTo(new[] { 7.0, 7 }), "the validation credits its GUI grade to the code step");

        var finish = await server.StepAsync(id, World.Finish);
        Assert.That((string?)finish["step"]!["kind"], Is.EqualTo("finish"));
        Assert.That((string?)finish["observation"], Is.Empty);
        Assert.That((double)finish["reward"]!["value"]!, Is.EqualTo(7.0));
        Assert.That(Values(finish["rewards"]), Is.EqualTo(new[] { 7.0, 7, 7 }));
        Assert.That((bool)finish["done"]!, Is.True);
        Assert.That((string?)finish["stopReason"], Is.EqualTo("finished"));

        var status = await server.GetAsync(id);
        Assert.That((string?)status["status"], Is.EqualTo("done"));
        Assert.That((int)status["steps"]!, Is.EqualTo(3));
        var rewards = status["rewards"]!.AsArray();
        Assert.That(rewards.Select(r => (double)r!["value"]!), Is.EqualTo(new[] { 7.0, 7, 7 }));
        Assert.That(rewards.Select(r => (int?)r!["inheritedFromStep"]), Is.EqualTo(new int?[] { null, 1, 1 }));
        Assert.That((string?)rewards[0]!["reason"], Does.Contain("screenshot 4").And.Contain("GUI 3"));
        Assert.That(status["messages"]!.AsArray().Select(m => (string?)m!["role"]), Is.EqualTo(new[] { "system", "user", "assistant", "user", "assistant", "user", "assistant" }));

        Assert.That(server.World.Session(id).IsDisposed, Is.True, "a done episode releases its sandbox at once");
        Assert.That(server.World.Capturer.EndedSessions, Does.Contain(id));
        var reference = StepGrpoRewardAdapter.Reference.ComputeRewards(await ReadStepsAsync(server, id));
        Assert.That(rewards.Select(r => (double)r!["value"]!), Is.EqualTo(reference.Select(r => r.Value)), "the server's rewards are the reference adapter's");
    }

    [Test]
    public async Task A_malformed_output_is_a_bad_format_step_with_reward_minus_one_and_feedback()
    {
        await using var server = await TestServer.StartAsync();
        var id = (string)(await server.CreateAsync())["id"]!;

        var step = await server.StepAsync(id, World.Malformed);

        Assert.That((string?)step["step"]!["kind"], Is.EqualTo("bad_format"));
        Assert.That((double)step["reward"]!["value"]!, Is.EqualTo(-1.0));
        Assert.That((bool)step["reward"]!["malformed"]!, Is.True);
        Assert.That((string?)step["reward"]!["reason"], Does.StartWith("malformed"));
        Assert.That((bool)step["scores"]!["hasError"]!, Is.True);
        Assert.That(step["scores"]!["errors"]!.AsArray().Select(e => (string?)e), Has.Some.Contains("could not be used"));
        Assert.That((string?)step["observation"], Is.Not.Empty, "the policy is told what was wrong");
        Assert.That((bool)step["done"]!, Is.False);
    }

    [Test]
    public async Task An_episode_is_done_when_its_step_budget_is_used_up()
    {
        await using var server = await TestServer.StartAsync();
        var id = (string)(await server.CreateAsync(maxSteps: 2))["id"]!;

        var first = await server.StepAsync(id, World.Code(2));
        var second = await server.StepAsync(id, World.Code(5));

        Assert.That((bool)first["done"]!, Is.False);
        Assert.That((bool)second["done"]!, Is.True);
        Assert.That((string?)second["stopReason"], Is.EqualTo("max_iterations"));
        Assert.That((string?)second["observation"], Is.Not.Empty, "the last code step still has feedback");
        Assert.That(Values(second["rewards"]), Is.EqualTo(new[] { 2.0, 5 }));
        Assert.That(server.World.Session(id).IsDisposed, Is.True);
    }

    [Test]
    public async Task Two_concurrent_episodes_step_interleaved_without_mixing_their_sites_or_rewards()
    {
        await using var server = await TestServer.StartAsync();
        var a = (string)(await server.CreateAsync("Site A", id: "episode-a"))["id"]!;
        var b = (string)(await server.CreateAsync("Site B", id: "episode-b"))["id"]!;

        // Each trainer loop runs on its own; the first steps of both are sent together so they overlap on the server.
        async Task<List<JsonObject>> RunAsync(string id, string[] outputs)
        {
            var responses = new List<JsonObject>();
            foreach (var output in outputs)
            {
                responses.Add(await server.StepAsync(id, output));
            }

            return responses;
        }

        var runs = await Task.WhenAll(
            RunAsync(a, [World.Code(3), World.Code(5, gui: 4), World.Validate, World.Finish]),
            RunAsync(b, [World.Code(1, gui: 5), World.Malformed, World.Validate]));

        Assert.That(Values(runs[0][^1]["rewards"]), Is.EqualTo(new[] { 3.0, 9, 9, 9 }));
        Assert.That((bool)runs[0][^1]["done"]!, Is.True);
        Assert.That(Values(runs[1][^1]["rewards"]), Is.EqualTo(new[] { 6.0, -1, 6 }), "B's validation credits B's own code step");
        Assert.That((bool)runs[1][^1]["done"]!, Is.False);
        Assert.That(runs[1].Select(r => (string?)r["observation"]), Has.All.Contains("Site B"));
        Assert.That(runs[0].Take(3).Select(r => (string?)r["observation"]), Has.All.Contains("Site A"));
        Assert.That(server.World.Session(a).WorkspacePath, Is.Not.EqualTo(server.World.Session(b).WorkspacePath));
        Assert.That(server.World.Session(a).IsDisposed, Is.True);
        Assert.That(server.World.Session(b).IsDisposed, Is.False);

        var statusB = await server.GetAsync(b);
        Assert.That((string?)statusB["status"], Is.EqualTo("ready"));
        Assert.That((int)statusB["steps"]!, Is.EqualTo(3));
    }

    [Test]
    public async Task Deleting_an_episode_disposes_its_sandbox_and_forgets_it()
    {
        await using var server = await TestServer.StartAsync();
        var id = (string)(await server.CreateAsync())["id"]!;
        await server.StepAsync(id, World.Code(4));

        using var deleted = await server.Client.DeleteAsync(new Uri($"episodes/{id}", UriKind.Relative));

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(server.World.Session(id).IsDisposed, Is.True);
        using var status = await server.Client.GetAsync(new Uri($"episodes/{id}", UriKind.Relative));
        await TestServer.ExpectProblemAsync(status, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Deleting_an_episode_cancels_its_running_step()
    {
        await using var server = await TestServer.StartAsync();
        var id = (string)(await server.CreateAsync())["id"]!;
        var step = server.PostAsync($"episodes/{id}/step", new JsonObject { ["output"] = World.Code("block") });
        await server.World.Blocked.Task.WaitAsync(TimeSpan.FromMinutes(1));

        using var deleted = await server.Client.DeleteAsync(new Uri($"episodes/{id}", UriKind.Relative));
        using var stepResponse = await step;

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var problem = await TestServer.ExpectProblemAsync(stepResponse, HttpStatusCode.Conflict);
        Assert.That((string?)problem["detail"], Does.Contain("was deleted, expired or the server stopped while this step ran"));
        Assert.That(server.World.Session(id).IsDisposed, Is.True);
    }

    [Test]
    public async Task Stopping_the_server_cancels_running_steps_and_disposes_every_episode()
    {
        var server = await TestServer.StartAsync();
        await using (server)
        {
            var idle = (string)(await server.CreateAsync())["id"]!;
            var busy = (string)(await server.CreateAsync())["id"]!;
            var step = server.PostAsync($"episodes/{busy}/step", new JsonObject { ["output"] = World.Code("block") });
            await server.World.Blocked.Task.WaitAsync(TimeSpan.FromMinutes(1));

            var stopping = server.Server.StopAsync();
            using var stepResponse = await step;
            await stopping;

            var problem = await TestServer.ExpectProblemAsync(stepResponse, HttpStatusCode.Conflict);
            Assert.That((string?)problem["detail"], Does.Contain("the server stopped while this step ran"));
            Assert.That(server.World.Session(idle).IsDisposed, Is.True);
            Assert.That(server.World.Session(busy).IsDisposed, Is.True);
        }
    }

    [Test]
    public async Task The_reward_adapter_registered_in_the_container_makes_the_rewards()
    {
        await using var server = await TestServer.StartAsync(rewardAdapter: StepGrpoRewardAdapter.GuiOnly);
        var id = (string)(await server.CreateAsync())["id"]!;

        await server.StepAsync(id, World.Code(4, gui: 2));
        var validate = await server.StepAsync(id, World.Validate);

        Assert.That(Values(validate["rewards"]), Is.EqualTo(new[] { 2.0, 2 }));
        Assert.That((string?)validate["reward"]!["reason"], Does.Contain("GUI 2"));
    }

    [Test]
    public async Task A_finished_episode_frees_its_slot_for_a_new_one()
    {
        await using var server = await TestServer.StartAsync(o => o.MaxConcurrentEpisodes = 1);
        var first = (string)(await server.CreateAsync())["id"]!;
        await server.StepAsync(first, World.Code(4));
        await server.StepAsync(first, World.Finish);

        var second = await server.CreateAsync();

        Assert.That((string?)second["id"], Is.Not.EqualTo(first));
        Assert.That((string?)(await server.GetAsync(first))["status"], Is.EqualTo("done"), "the done episode's record stays readable");
    }

    private static double[] Values(JsonNode? rewards) => [.. rewards!.AsArray().Select(r => (double)r!)];

    /// <summary>The steps as the episode checkpointed them, read back through the environment's run store.</summary>
    private static async Task<IReadOnlyList<StepRecord>> ReadStepsAsync(TestServer server, string id)
    {
        var environment = (WebGenEnvironment)server.Server.Services.GetService(typeof(WebGenEnvironment))!;
        var episode = await environment.ResumeEpisodeAsync(Path.Combine(environment.Options.RunsDirectory, id));
        await using (episode)
        {
            return episode.Steps;
        }
    }
}
