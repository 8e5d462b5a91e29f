using Microsoft.Extensions.Time.Testing;

namespace WebGen.Training.Tests;

public sealed class RolloutGroupRunnerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly RolloutRequest Request = new() { PromptId = "bench/000007", Instruction = "Build a to-do app." };

    [Test]
    public async Task Runs_the_group_scores_it_and_orders_trajectories_by_episode()
    {
        StepRecord[][] scripts =
        [
            [Steps.Code(1, null, 4), Steps.Validate(2, 1, 3), Steps.Finish(3, 2)],
            [Steps.Bad(1, null), Steps.Code(2, 1, 2)],
            [Steps.Code(1, null, 5)],
        ];
        var agents = scripts.Select(s => ScriptedAgent.Playing(s)).ToArray();
        var runner = new RolloutGroupRunner(i => agents[i], options: new RolloutOptions { GroupSize = 3, MaxSteps = 3 });

        var group = await runner.RunAsync(Request);

        Assert.That(group.Failures, Is.Empty);
        Assert.That(group.Trajectories.Select(t => t.Index), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(group.Trajectories.Select(t => t.PromptId), Is.All.EqualTo("bench/000007"));
        Assert.That(agents.Select(a => a.Requests.Single().MaxIterations), Is.All.EqualTo(3));
        Assert.That(agents.Select(a => a.Requests.Single().RunId).Distinct().Count(), Is.EqualTo(3));
        Assert.That(agents[0].Requests[0].RunId, Does.Match("^bench-000007-[0-9a-f]{8}-0$"));

        // Samples 7, −1, 2, 5 → μ = 3.25, σ = √(36.75 / 3) = 3.5.
        var sigma = 3.5 + GroupAdvantages.Epsilon;
        Assert.That(group.Statistics.Mean, Is.EqualTo(3.25).Within(1e-12));
        Assert.That(group.Statistics.StandardDeviation, Is.EqualTo(3.5).Within(1e-12));
        var advantages = group.Trajectories.Select(t => t.Messages.Where(m => m.Role == TrajectoryRole.Assistant).Select(m => m.Advantage!.Value).ToArray()).ToArray();
        Assert.That(advantages[0], Is.All.EqualTo(3.75 / sigma).Within(1e-12));
        Assert.That(advantages[1], Is.EqualTo(new[] { -4.25 / sigma, -1.25 / sigma }).Within(1e-12));
        Assert.That(advantages[2], Is.EqualTo(new[] { 1.75 / sigma }).Within(1e-12));
        Assert.That(group.Trajectories[1].Metadata.GroupSize, Is.EqualTo(3));
        Assert.That(agents.Select(a => a.Disposed), Is.All.True, "factory agents are disposed after their episode");
    }

    [Test]
    public async Task Reference_defaults_are_five_episodes_of_five_steps()
    {
        var agent = ScriptedAgent.Playing(Steps.Code(1, null, 3));
        var runner = new RolloutGroupRunner(agent);

        var group = await runner.RunAsync(Request);

        Assert.That(group.Trajectories, Has.Count.EqualTo(5));
        Assert.That(agent.Requests.Select(r => r.MaxIterations), Is.All.EqualTo(5));
        Assert.That(agent.Requests.Select(r => (r.Temperature, r.TopP)), Is.All.EqualTo((1.0f, 0.95f)), "the reference samples rollouts at temperature 1.0 and top-p 0.95 (the agent sends them on the wire)");
        Assert.That(agent.Disposed, Is.False, "a shared agent belongs to the caller");
    }

    [Test]
    public async Task Concurrency_is_bounded_by_the_option()
    {
        var active = 0;
        var peak = 0;
        var twoRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var agent = new ScriptedAgent(async (_, token) =>
        {
            var now = Interlocked.Increment(ref active);
            InterlockedMax(ref peak, now);
            if (now >= 2)
            {
                twoRunning.TrySetResult();
            }

            await twoRunning.Task.WaitAsync(Patience, token);
            await Task.Delay(20, token);
            Interlocked.Decrement(ref active);
            return [Steps.Code(1, null, 3)];
        });
        var runner = new RolloutGroupRunner(agent, options: new RolloutOptions { GroupSize = 6, MaxConcurrency = 2 });

        var group = await runner.RunAsync(Request);

        Assert.That(group.Trajectories, Has.Count.EqualTo(6));
        Assert.That(peak, Is.EqualTo(2));
    }

    [Test]
    public async Task A_failing_episode_is_recorded_and_left_out_of_the_statistics()
    {
        var runner = new RolloutGroupRunner(
            i => i == 1
                ? new ScriptedAgent((_, _) => throw new InvalidOperationException("npm install exploded"))
                : ScriptedAgent.Playing(Steps.Code(1, null, i == 0 ? 2 : 4)),
            options: new RolloutOptions { GroupSize = 3 });

        var group = await runner.RunAsync(Request);

        Assert.That(group.Trajectories.Select(t => t.Index), Is.EqualTo(new[] { 0, 2 }));
        Assert.That(group.Failures, Has.Count.EqualTo(1));
        Assert.That(group.Failures[0].Index, Is.EqualTo(1));
        Assert.That(group.Failures[0].Error, Is.EqualTo("npm install exploded"));
        Assert.That(group.Failures[0].ExceptionType, Is.EqualTo(nameof(InvalidOperationException)));
        Assert.That(group.Statistics.Count, Is.EqualTo(2));
        Assert.That(group.Statistics.Mean, Is.EqualTo(3.0));
    }

    [Test]
    public async Task A_stream_without_a_result_is_a_recorded_failure()
    {
        var runner = new RolloutGroupRunner(
            i => new ScriptedAgent((_, _) => Task.FromResult<IReadOnlyList<StepRecord>>([Steps.Code(1, null, 3)]), completes: i != 0),
            options: new RolloutOptions { GroupSize = 2 });

        var group = await runner.RunAsync(Request);

        Assert.That(group.Failures.Single().Error, Does.Contain("without a RunCompletedEvent"));
        Assert.That(group.Trajectories.Single().Index, Is.EqualTo(1));
    }

    [Test]
    public async Task A_reward_adapter_failing_on_one_trajectory_is_a_recorded_failure()
    {
        var runner = new RolloutGroupRunner(
            i => ScriptedAgent.Playing(i == 0 ? [Steps.Code(1, null, 3), Steps.Code(1, null, 3)] : [Steps.Code(1, null, 3)]),
            options: new RolloutOptions { GroupSize = 2 });

        var group = await runner.RunAsync(Request);

        Assert.That(group.Failures.Single().Error, Does.Contain("reward adapter").And.Contain("occurs twice"));
        Assert.That(group.Trajectories.Single().Index, Is.EqualTo(1));
    }

    [Test]
    public async Task An_episode_over_the_timeout_is_cancelled_and_recorded()
    {
        var time = new FakeTimeProvider();
        var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new RolloutGroupRunner(
            i => new ScriptedAgent(async (_, token) =>
            {
                if (i == 0)
                {
                    blocked.TrySetResult();
                    await Task.Delay(Timeout.Infinite, token);
                }

                return [Steps.Code(1, null, 3)];
            }),
            options: new RolloutOptions { GroupSize = 2, EpisodeTimeout = TimeSpan.FromMinutes(10) },
            timeProvider: time);

        var run = runner.RunAsync(Request);
        await blocked.Task.WaitAsync(Patience);
        var deadline = DateTime.UtcNow + Patience;
        while (!run.IsCompleted && DateTime.UtcNow < deadline)
        {
            time.Advance(TimeSpan.FromMinutes(11));
            await Task.Delay(20);
        }

        var group = await run.WaitAsync(Patience);
        Assert.That(group.Failures.Single().TimedOut, Is.True);
        Assert.That(group.Failures.Single().Error, Does.Contain("timed out"));
        Assert.That(group.Trajectories.Single().Index, Is.EqualTo(1));
    }

    [Test]
    public async Task Caller_cancellation_stops_the_group()
    {
        using var cancellation = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new RolloutGroupRunner(new ScriptedAgent(async (_, token) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, token);
            return [];
        }));

        var run = runner.RunAsync(Request, cancellationToken: cancellation.Token);
        await started.Task.WaitAsync(Patience);
        await cancellation.CancelAsync();

        await Assert.CatchAsync<OperationCanceledException>(() => run.WaitAsync(Patience));
    }

    [Test]
    public async Task Reports_progress_for_every_episode_and_step()
    {
        var reports = new SynchronousProgress();
        var runner = new RolloutGroupRunner(
            i => i == 2 ? new ScriptedAgent((_, _) => throw new InvalidOperationException("boom")) : ScriptedAgent.Playing(Steps.Code(1, null, 3), Steps.Validate(2, 1, 4)),
            options: new RolloutOptions { GroupSize = 3, MaxConcurrency = 1 });

        await runner.RunAsync(Request, reports);

        var kinds = reports.Items.GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(kinds[RolloutProgressKind.EpisodeStarted], Is.EqualTo(3));
        Assert.That(kinds[RolloutProgressKind.StepCompleted], Is.EqualTo(4));
        Assert.That(kinds[RolloutProgressKind.EpisodeCompleted], Is.EqualTo(2));
        Assert.That(kinds[RolloutProgressKind.EpisodeFailed], Is.EqualTo(1));
        var last = reports.Items[^1];
        Assert.That((last.CompletedEpisodes, last.FailedEpisodes, last.GroupSize), Is.EqualTo((2, 1, 3)));
        Assert.That(reports.Items.Single(r => r.Kind == RolloutProgressKind.EpisodeFailed).Error, Is.EqualTo("boom"));
    }

    [Test]
    public async Task Run_many_streams_groups_into_a_trajectory_file()
    {
        var directory = Directory.CreateTempSubdirectory("webgen-rollouts-").FullName;
        try
        {
            var runner = new RolloutGroupRunner(ScriptedAgent.Playing(Steps.Code(1, null, 3), Steps.Finish(2, 1)), options: new RolloutOptions { GroupSize = 2 });
            RolloutRequest[] requests = [Request, Request with { PromptId = "bench/000008" }];
            var path = Path.Combine(directory, "all.parquet");

            var groups = runner.RunManyAsync(requests);
            var written = await TrajectoryFile.WriteAsync(path, groups.SelectMany(g => g.Trajectories));
            var read = await Samples.ToListAsync(TrajectoryFile.ReadAsync(path));

            Assert.That(written, Is.EqualTo(4));
            Assert.That(read.Select(t => t.PromptId), Is.EqualTo(new[] { "bench/000007", "bench/000007", "bench/000008", "bench/000008" }));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void Invalid_options_fail_at_construction_naming_the_option()
    {
        var agent = ScriptedAgent.Playing();

        var error = Assert.Throws<ArgumentException>(() => new RolloutGroupRunner(agent, options: new RolloutOptions { MaxConcurrency = 0 }));
        Assert.That(error.Message, Does.Contain("MaxConcurrency"));
        Assert.Throws<ArgumentException>(() => new RolloutGroupRunner(agent, options: new RolloutOptions { EpisodeTimeout = TimeSpan.Zero }));
    }

    [Test]
    public async Task Episodes_run_in_their_own_directories_under_the_runs_directory()
    {
        var agent = ScriptedAgent.Playing(Steps.Code(1, null, 3));
        var runner = new RolloutGroupRunner(agent, options: new RolloutOptions { GroupSize = 2, RunsDirectory = "/data/runs" });

        await runner.RunAsync(Request);

        Assert.That(agent.Requests.Select(r => r.RunDirectory), Is.EquivalentTo(agent.Requests.Select(r => "/data/runs/" + r.RunId)));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private sealed class SynchronousProgress : IProgress<RolloutProgress>
    {
        public List<RolloutProgress> Items { get; } = [];

        public void Report(RolloutProgress value)
        {
            lock (Items)
            {
                Items.Add(value);
            }
        }
    }
}
