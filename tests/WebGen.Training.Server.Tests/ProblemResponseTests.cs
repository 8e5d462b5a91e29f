using System.Net;
using System.Text.Json.Nodes;

namespace WebGen.Training.Server.Tests;

public sealed class ProblemResponseTests
{
    private const string Key = "0123456789abcdef0123456789abcdef";

    [Test]
    public async Task Malformed_json_is_a_400_problem_that_quotes_the_parser()
    {
        await using var server = await TestServer.StartAsync();

        using var response = await server.PostRawAsync("episodes", "{\"instruction\": \"A blog\"");

        var problem = await TestServer.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That((string?)problem["detail"], Does.StartWith("The body is not valid JSON for this request:"));
    }

    [Test]
    public async Task A_misspelt_field_is_a_400_problem_naming_it()
    {
        await using var server = await TestServer.StartAsync();
        var id = (string)(await server.CreateAsync())["id"]!;

        using var response = await server.PostAsync($"episodes/{id}/step", new JsonObject { ["outptu"] = World.Code(4) });

        var problem = await TestServer.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That((string?)problem["detail"], Does.Contain("outptu"));
    }

    [Test]
    public async Task A_step_without_output_is_a_400_validation_problem()
    {
        await using var server = await TestServer.StartAsync();
        var id = (string)(await server.CreateAsync())["id"]!;

        using var response = await server.PostAsync($"episodes/{id}/step", new JsonObject());

        var problem = await TestServer.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That((string?)problem["detail"], Is.EqualTo("The step request has no output."));
        Assert.That(problem["errors"]!["output"]!.AsArray(), Has.Count.EqualTo(1));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase(null)]
    public async Task An_empty_instruction_is_a_400_validation_problem(string? instruction)
    {
        await using var server = await TestServer.StartAsync();

        using var response = await server.PostAsync("episodes", new JsonObject { ["instruction"] = instruction });

        var problem = await TestServer.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That((string?)problem["detail"], Does.Contain("The instruction is empty; describe the website to build, or name a WebGen-Bench task with taskId."));
        Assert.That((string?)problem["errors"]!["instruction"]![0], Is.EqualTo("The instruction is empty; describe the website to build, or name a WebGen-Bench task with taskId."));
        Assert.That(server.World.Sandbox.Sessions, Is.Empty, "no episode was started");
    }

    [Test]
    public async Task Invalid_step_budgets_and_ids_are_400_validation_problems_naming_each_field()
    {
        await using var server = await TestServer.StartAsync();

        using var response = await server.PostAsync("episodes", new JsonObject { ["instruction"] = "A blog", ["maxSteps"] = 0, ["id"] = "../escape" });

        var problem = await TestServer.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That((string?)problem["errors"]!["maxSteps"]![0], Does.Contain("between 1 and 1000"));
        Assert.That((string?)problem["errors"]!["id"]![0], Does.Contain("'../escape' is invalid"));
        Assert.That(server.World.Sandbox.Sessions, Is.Empty);
    }

    [Test]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        await using var server = await TestServer.StartAsync();

        using var response = await server.PostRawAsync("episodes", "instruction=A blog", "application/x-www-form-urlencoded");

        var problem = await TestServer.ExpectProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.That((string?)problem["detail"], Does.Contain("Content-Type: application/json"));
    }

    [Test]
    public async Task Unknown_episode_ids_are_404_problems_for_step_status_and_delete()
    {
        await using var server = await TestServer.StartAsync();
        var missing = new Uri("episodes/no-such-episode", UriKind.Relative);

        using var step = await server.PostAsync("episodes/no-such-episode/step", new JsonObject { ["output"] = World.Code(4) });
        using var status = await server.Client.GetAsync(missing);
        using var delete = await server.Client.DeleteAsync(missing);

        foreach (var response in new[] { step, status, delete })
        {
            var problem = await TestServer.ExpectProblemAsync(response, HttpStatusCode.NotFound);
            Assert.That((string?)problem["detail"], Does.StartWith("No episode has id 'no-such-episode'"));
        }
    }

    [Test]
    public async Task Unknown_routes_are_404_problems()
    {
        await using var server = await TestServer.StartAsync();

        using var response = await server.Client.GetAsync(new Uri("nothing-here", UriKind.Relative));

        await TestServer.ExpectProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Stepping_a_finished_episode_is_a_409_problem()
    {
        await using var server = await TestServer.StartAsync();
        var id = (string)(await server.CreateAsync())["id"]!;
        await server.StepAsync(id, World.Code(4));
        await server.StepAsync(id, World.Finish);

        using var response = await server.PostAsync($"episodes/{id}/step", new JsonObject { ["output"] = World.Code(5) });

        var problem = await TestServer.ExpectProblemAsync(response, HttpStatusCode.Conflict);
        Assert.That((string?)problem["detail"], Is.EqualTo($"Episode '{id}' is done (finished after 2 steps) and takes no more steps; start a new episode."));
    }

    [Test]
    public async Task A_second_step_while_one_is_running_is_a_409_problem()
    {
        await using var server = await TestServer.StartAsync();
        var id = (string)(await server.CreateAsync())["id"]!;
        var first = server.PostAsync($"episodes/{id}/step", new JsonObject { ["output"] = World.Code("block") });
        await server.World.Blocked.Task.WaitAsync(TimeSpan.FromMinutes(1));

        using var second = await server.PostAsync($"episodes/{id}/step", new JsonObject { ["output"] = World.Code(4) });
        var status = await server.GetAsync(id);

        var problem = await TestServer.ExpectProblemAsync(second, HttpStatusCode.Conflict);
        Assert.That((string?)problem["detail"], Does.Contain("is already running a step; an episode takes one step at a time"));
        Assert.That((string?)status["status"], Is.EqualTo("stepping"));

        using (await server.Client.DeleteAsync(new Uri($"episodes/{id}", UriKind.Relative)))
        using (await first)
        {
        }
    }

    [Test]
    public async Task A_failing_reward_adapter_is_a_500_problem_and_the_step_stays_recorded()
    {
        await using var server = await TestServer.StartAsync(rewardAdapter: new ThrowingRewardAdapter());
        var id = (string)(await server.CreateAsync())["id"]!;

        using var response = await server.PostAsync($"episodes/{id}/step", new JsonObject { ["output"] = World.Code(4) });
        var status = await server.GetAsync(id);

        var problem = await TestServer.ExpectProblemAsync(response, HttpStatusCode.InternalServerError);
        Assert.That((string?)problem["detail"], Is.EqualTo($"Step 1 ran (GET /episodes/{id} has its feedback) but the reward adapter failed: InvalidOperationException: no rewards today"));
        Assert.That((int)status["steps"]!, Is.EqualTo(1));
        Assert.That((string?)status["messages"]!.AsArray()[^1]!["content"], Does.Contain("Appearance grade: 4/5"));
    }

    [Test]
    public async Task A_duplicate_episode_id_is_a_409_problem()
    {
        await using var server = await TestServer.StartAsync();
        await server.CreateAsync(id: "twice");

        using var response = await server.PostAsync("episodes", new JsonObject { ["instruction"] = "A blog", ["id"] = "twice" });

        var problem = await TestServer.ExpectProblemAsync(response, HttpStatusCode.Conflict);
        Assert.That((string?)problem["detail"], Does.Contain("An episode with id 'twice' is already open"));
    }

    [Test]
    public async Task Too_many_open_episodes_is_a_429_problem_with_retry_after()
    {
        await using var server = await TestServer.StartAsync(o =>
        {
            o.MaxConcurrentEpisodes = 2;
            o.RetryAfter = TimeSpan.FromSeconds(7);
        });
        await server.CreateAsync();
        var second = (string)(await server.CreateAsync())["id"]!;

        using var refused = await server.PostAsync("episodes", new JsonObject { ["instruction"] = "A blog" });

        var problem = await TestServer.ExpectProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(7)));
        Assert.That((string?)problem["detail"], Does.StartWith("2 episodes are open, the limit (EnvironmentServerOptions.MaxConcurrentEpisodes)."));
        Assert.That(server.World.Sandbox.Sessions, Has.Count.EqualTo(2));

        using (await server.Client.DeleteAsync(new Uri($"episodes/{second}", UriKind.Relative)))
        {
        }

        await server.CreateAsync();
    }

    [Test]
    public async Task Without_the_api_key_requests_are_401_problems_with_a_bearer_challenge()
    {
        await using var server = await TestServer.StartAsync(o => o.ApiKey = Key, authenticate: false);

        using var missing = await server.PostAsync("episodes", new JsonObject { ["instruction"] = "A blog" });
        server.Client.DefaultRequestHeaders.Authorization = new("Bearer", Key + "x");
        using var wrong = await server.Client.GetAsync(new Uri("episodes/anything", UriKind.Relative));

        var missingProblem = await TestServer.ExpectProblemAsync(missing, HttpStatusCode.Unauthorized);
        Assert.That((string?)missingProblem["detail"], Is.EqualTo("This environment server requires an API key: send the header 'Authorization: Bearer <key>'."));
        Assert.That(missing.Headers.WwwAuthenticate.Single().Scheme, Is.EqualTo("Bearer"));
        var wrongProblem = await TestServer.ExpectProblemAsync(wrong, HttpStatusCode.Unauthorized);
        Assert.That((string?)wrongProblem["detail"], Is.EqualTo("The API key in the Authorization header is not the one this server was configured with."));
        Assert.That(server.World.Sandbox.Sessions, Is.Empty);
    }

    [Test]
    public async Task Authentication_is_checked_before_the_body_is_read()
    {
        await using var server = await TestServer.StartAsync(o => o.ApiKey = Key, authenticate: false);

        using var response = await server.PostRawAsync("episodes", "{not json");

        await TestServer.ExpectProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task With_the_api_key_the_trainer_is_served()
    {
        await using var server = await TestServer.StartAsync(o => o.ApiKey = Key, clientApiKey: Key);

        var id = (string)(await server.CreateAsync())["id"]!;
        var step = await server.StepAsync(id, World.Code(3));

        Assert.That((double)step["reward"]!["value"]!, Is.EqualTo(3.0));
    }

    private sealed class ThrowingRewardAdapter : IStepRewardAdapter
    {
        public IReadOnlyList<StepReward> ComputeRewards(IReadOnlyList<StepRecord> trajectory) => throw new InvalidOperationException("no rewards today");
    }
}
