using System.Net;
using System.Text.Json.Nodes;

namespace WebGen.Training.Server.Tests;

public sealed class GroupAdvantagesTests
{
    [Test]
    public async Task Step_level_advantages_normalise_by_the_group_mean_and_sample_std()
    {
        await using var server = await TestServer.StartAsync();

        // Rewards 0, 2, 4: μ = 2, σ = √((4 + 0 + 4) / 2) = 2, Â = (r − 2) / (2 + 1e-6).
        var result = await PostAsync(server, new JsonObject { ["rewards"] = new JsonArray(new JsonArray(0, 2), new JsonArray(4)) });

        Assert.That((double)result["mean"]!, Is.EqualTo(2.0));
        Assert.That((double)result["std"]!, Is.EqualTo(2.0));
        Assert.That((int)result["count"]!, Is.EqualTo(3));
        Assert.That(Advantages(result), Is.EqualTo(new[] { new[] { -0.9999995000002500, 0.0 }, new[] { 0.9999995000002500 } }).Within(1e-12));
    }

    [Test]
    public async Task Cumulative_advantages_sum_the_normalised_rewards_to_the_end_of_each_trajectory()
    {
        await using var server = await TestServer.StartAsync();

        // Rewards 1, 3 | 5, 7: μ = 4, σ = √(20 / 3) = 2.5819888974716…; Â = −1.1618945539, −0.3872981846, 0.3872981846, 1.1618945539
        var result = await PostAsync(server, new JsonObject { ["rewards"] = new JsonArray(new JsonArray(1, 3), new JsonArray(5, 7)), ["cumulative"] = true });

        Assert.That((double)result["std"]!, Is.EqualTo(2.5819888974716).Within(1e-12));
        Assert.That(Advantages(result), Is.EqualTo(new[] { new[] { -1.5491927385, -0.3872981846 }, new[] { 1.5491927385, 1.1618945539 } }).Within(1e-9));
    }

    [Test]
    public async Task Shared_rewards_count_once_and_take_their_source_s_advantage()
    {
        await using var server = await TestServer.StartAsync();

        // Samples 7 and 3 (the second 7 shares step 1's reward): μ = 5, σ = √8 = 2.8284271247, Â = ±2 / (σ + 1e-6) = ±0.7071065312
        var result = await PostAsync(server, new JsonObject
        {
            ["rewards"] = new JsonArray(new JsonArray(7, 7), new JsonArray(3)),
            ["inheritedFromSteps"] = new JsonArray(new JsonArray(null, 1), new JsonArray((JsonNode?)null)),
        });

        Assert.That((int)result["count"]!, Is.EqualTo(2));
        Assert.That((double)result["mean"]!, Is.EqualTo(5.0));
        Assert.That(Advantages(result), Is.EqualTo(new[] { new[] { 0.7071065312, 0.7071065312 }, new[] { -0.7071065312 } }).Within(1e-9));
    }

    [Test]
    public async Task The_readme_example_gives_the_documented_answer()
    {
        await using var server = await TestServer.StartAsync();

        // Samples 7, −1, 3: μ = 3, σ = √((16 + 16 + 0) / 2) = 4, Â = ±4 / (4 + 1e-6) = ±0.99999975.
        var result = await PostAsync(server, new JsonObject
        {
            ["rewards"] = new JsonArray(new JsonArray(7, 7, 7), new JsonArray(-1, 3, 3)),
            ["inheritedFromSteps"] = new JsonArray(new JsonArray(null, 1, 1), new JsonArray(null, null, 2)),
            ["cumulative"] = false,
        });

        Assert.That((double)result["mean"]!, Is.EqualTo(3.0));
        Assert.That((double)result["std"]!, Is.EqualTo(4.0));
        Assert.That((int)result["count"]!, Is.EqualTo(3));
        Assert.That(Advantages(result), Is.EqualTo(new[] { new[] { 0.99999975, 0.99999975, 0.99999975 }, new[] { -0.99999975, 0, 0 } }).Within(1e-9));
    }

    [Test]
    public async Task A_single_reward_uses_mean_zero_and_std_one_and_equal_rewards_give_zero()
    {
        await using var server = await TestServer.StartAsync();

        var single = await PostAsync(server, new JsonObject { ["rewards"] = new JsonArray(new JsonArray(4)) });
        var equal = await PostAsync(server, new JsonObject { ["rewards"] = new JsonArray(new JsonArray(5, 5), new JsonArray(5)) });

        Assert.That((double)single["mean"]!, Is.EqualTo(0.0));
        Assert.That((double)single["std"]!, Is.EqualTo(1.0));
        Assert.That(Advantages(single)[0][0], Is.EqualTo(4 / 1.000001).Within(1e-12));
        Assert.That(Advantages(equal).SelectMany(a => a), Is.All.EqualTo(0.0));
    }

    [Test]
    public async Task Missing_or_inconsistent_rewards_are_400_problems()
    {
        await using var server = await TestServer.StartAsync();

        using var missing = await server.PostAsync("rewards/group-advantages", new JsonObject { ["cumulative"] = true });
        using var ragged = await server.PostAsync("rewards/group-advantages", new JsonObject
        {
            ["rewards"] = new JsonArray(new JsonArray(1, 2)),
            ["inheritedFromSteps"] = new JsonArray(new JsonArray((JsonNode?)null)),
        });
        using var wrongSource = await server.PostAsync("rewards/group-advantages", new JsonObject
        {
            ["rewards"] = new JsonArray(new JsonArray(1, 2)),
            ["inheritedFromSteps"] = new JsonArray(new JsonArray(null, 1)),
        });
        using var text = await server.PostRawAsync("rewards/group-advantages", "{\"rewards\": [[\"high\"]]}");

        Assert.That((string?)(await TestServer.ExpectProblemAsync(missing, HttpStatusCode.BadRequest))["detail"], Is.EqualTo("The request has no rewards."));
        Assert.That((string?)(await TestServer.ExpectProblemAsync(ragged, HttpStatusCode.BadRequest))["detail"], Is.EqualTo("inheritedFromSteps[0] has 1 entries but rewards[0] has 2."));
        Assert.That((string?)(await TestServer.ExpectProblemAsync(wrongSource, HttpStatusCode.BadRequest))["detail"], Does.Contain("step 2 inherits from step 1 but its value 2 differs from 1"));
        Assert.That((string?)(await TestServer.ExpectProblemAsync(text, HttpStatusCode.BadRequest))["detail"], Does.StartWith("The body is not valid JSON for this request:"));
    }

    private static async Task<JsonObject> PostAsync(TestServer server, JsonObject body)
    {
        using var response = await server.PostAsync("rewards/group-advantages", body);
        return await TestServer.ExpectAsync(response, HttpStatusCode.OK);
    }

    private static double[][] Advantages(JsonObject result) => [.. result["advantages"]!.AsArray().Select(t => t!.AsArray().Select(a => (double)a!).ToArray())];
}
