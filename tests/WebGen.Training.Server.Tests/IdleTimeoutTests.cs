using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace WebGen.Training.Server.Tests;

public sealed class IdleTimeoutTests
{
    [Test]
    public async Task Idle_episodes_are_disposed_and_removed_while_active_ones_stay()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        await using var server = await TestServer.StartAsync(o => o.IdleTimeout = TimeSpan.FromMinutes(10), time);
        var idle = (string)(await server.CreateAsync(id: "idle"))["id"]!;
        var active = (string)(await server.CreateAsync(id: "active"))["id"]!;

        time.Advance(TimeSpan.FromMinutes(6));
        await server.StepAsync(active, World.Code(4));
        time.Advance(TimeSpan.FromMinutes(6));

        // 12 minutes without a request for "idle", 6 for "active": the sweep removes the first only.
        await WaitUntilGoneAsync(server, idle);
        Assert.That(server.World.Session(idle).IsDisposed, Is.True, "the idle episode's sandbox was reaped");
        Assert.That(server.World.Capturer.EndedSessions, Does.Contain(idle));
        Assert.That(server.World.Session(active).IsDisposed, Is.False);
        var status = await server.GetAsync(active);
        Assert.That((string?)status["status"], Is.EqualTo("ready"));

        time.Advance(TimeSpan.FromMinutes(11));
        await WaitUntilGoneAsync(server, active);
        Assert.That(server.World.Session(active).IsDisposed, Is.True);
    }

    [Test]
    public async Task A_freed_slot_lets_a_new_episode_start_after_an_idle_one_expired()
    {
        var time = new FakeTimeProvider();
        await using var server = await TestServer.StartAsync(
            o =>
            {
                o.IdleTimeout = TimeSpan.FromMinutes(1);
                o.MaxConcurrentEpisodes = 1;
            },
            time);
        var first = (string)(await server.CreateAsync())["id"]!;

        time.Advance(TimeSpan.FromMinutes(2));
        await WaitUntilGoneAsync(server, first);

        var second = await server.CreateAsync();
        Assert.That((string?)second["id"], Is.Not.EqualTo(first));
    }

    [Test]
    public void The_sweep_interval_is_a_quarter_of_the_idle_timeout_within_one_second_and_one_minute()
    {
        Assert.That(EpisodeSweeper.IntervalFor(TimeSpan.FromMinutes(2)), Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(EpisodeSweeper.IntervalFor(TimeSpan.FromSeconds(2)), Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(EpisodeSweeper.IntervalFor(TimeSpan.FromHours(2)), Is.EqualTo(TimeSpan.FromMinutes(1)));
    }

    /// <summary>The sweep runs on the server's own thread after the fake clock fires; poll (in real time) until it did.</summary>
    private static async Task WaitUntilGoneAsync(TestServer server, string id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            using var response = await server.Client.GetAsync(new Uri($"episodes/{id}", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return;
            }

            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"episode {id} was not removed");
            await Task.Delay(50);
        }
    }
}
