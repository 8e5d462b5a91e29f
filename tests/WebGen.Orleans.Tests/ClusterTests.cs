using Microsoft.Extensions.DependencyInjection;
using WebGen.Testing;

namespace WebGen.Orleans.Tests;

/// <summary>
/// Three in-process silos (TestingHost) with 1, 2 and 2 slots, checkpointing to a real redis-server, driven through
/// <see cref="WebGenCluster"/>; the code model is the loopback OpenAI-compatible server.
/// </summary>
[NonParallelizable]
public sealed class ClusterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private ThreeSilos _silos = null!;
    private WebGenCluster _client = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _silos = await ThreeSilos.StartAsync();
        _client = new WebGenCluster(_silos.Cluster.Client, new WebGenClusterOptions { PollWait = TimeSpan.FromSeconds(1), QueueInterval = TimeSpan.FromMilliseconds(50) });
    }

    [TearDown]
    public async Task StopAsync() => await _silos.DisposeAsync();

    [Test]
    public async Task Episodes_spread_by_capacity_never_oversubscribe_and_queue_when_the_cluster_is_full()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _silos.World.BeforeAnswer = (_, step, ct) => step == 1 ? gate.Task.WaitAsync(ct) : Task.CompletedTask;
        var capacity = (await _client.GetWorkersAsync()).Sum(w => w.Capacity);
        Assert.That(capacity, Is.EqualTo(5), string.Join(", ", _silos.Cluster.Silos.Select(s => s.Name)));

        var runs = Enumerable.Range(0, capacity + 2)
            .Select(i => _client.RunAsync(new WebGenRequest { Instruction = ClusterWorld.Instruction("spread" + i, 2), RunId = "spread-" + i }))
            .ToList();

        var full = await WaitForAsync(async () => (await _client.GetWorkersAsync()) is var w && w.Sum(x => x.Running.Count) == capacity ? w : null);
        await Task.Delay(500); // the two queued episodes keep looking for a slot meanwhile
        var workers = await _client.GetWorkersAsync();
        Assert.Multiple(() =>
        {
            Assert.That(workers.Select(w => w.Running.Count), Is.EqualTo(workers.Select(w => w.Capacity)), "each silo runs exactly its slots");
            Assert.That(workers.Sum(w => w.Running.Count), Is.EqualTo(capacity), "the other two wait");
            Assert.That(runs.Count(r => r.IsCompleted), Is.Zero);
        });

        gate.SetResult();
        var results = await Task.WhenAll(runs).WaitAsync(Patience);
        Assert.That(results.Select(r => r.StopReason), Is.All.EqualTo(WebGenStopReason.Finished));
        Assert.That(results.Select(r => r.Steps.Count), Is.All.EqualTo(2));
        Assert.That((await _client.GetWorkersAsync()).Sum(w => w.Running.Count), Is.Zero, "every slot is released");
        TestContext.Out.WriteLine(string.Join("\n", full!.Select(w => $"{w.Silo}: {w.Capacity} slots, ran {string.Join(", ", w.Running)}")));
    }

    [Test]
    public async Task A_silo_stopped_mid_episode_leaves_the_episode_to_finish_on_another_with_its_records_intact()
    {
        var instruction = ClusterWorld.Instruction("failover", 5);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _silos.World.BeforeAnswer = async (text, step, ct) =>
        {
            if (text == instruction && step == 3 && held.TrySetResult())
            {
                await hold.Task.WaitAsync(ct); // the first attempt at step 3 hangs until its silo goes away
            }
        };

        var events = new List<WebGenEvent>();
        var run = Task.Run(async () =>
        {
            await foreach (var e in _client.RunStreamingAsync(new WebGenRequest { Instruction = instruction, RunId = "failover" }))
            {
                lock (events)
                {
                    events.Add(e);
                }
            }
        });

        await held.Task.WaitAsync(Patience);
        var first = (await _client.GetWorkersAsync()).Single(w => w.Running.Contains("failover")).Silo;
        var handle = _silos.Cluster.Silos.Single(s => s.SiloAddress.ToParsableString() == first);
        Assert.That(handle.SiloAddress, Is.Not.EqualTo(_silos.Cluster.Silos[0].SiloAddress), "the primary (membership seed) has the fewest slots, so it is not picked first");
        await _silos.Cluster.StopSiloAsync(handle);
        await run.WaitAsync(Patience);

        var completed = events.OfType<StepCompletedEvent>().Select(e => e.Step).ToList();
        var result = events.OfType<RunCompletedEvent>().Single().Result;
        var starts = events.OfType<RunStartedEvent>().ToList();
        var checkpoint = await RunCheckpoint.LoadAsync(new RedisRunStore(_silos.Redis.Connection.GetDatabase(), "failover"), _silos.Temp.Combine("check"));
        Assert.Multiple(() =>
        {
            Assert.That(starts.Select(s => s.IsResume), Is.EqualTo(new[] { false, true }), "started once, resumed once");
            Assert.That(completed, Is.EqualTo(new[] { 1, 2, 3, 4, 5 }), "no step recorded twice, none lost");
            Assert.That(_silos.World.Calls(instruction, 1), Is.EqualTo(1), "recorded steps are not redone");
            Assert.That(_silos.World.Calls(instruction, 2), Is.EqualTo(1));
            Assert.That(result.Steps.Select(s => s.Node.Step), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
            Assert.That(result.StopReason, Is.EqualTo(WebGenStopReason.Finished));
            Assert.That(checkpoint.IsComplete, Is.True);
            Assert.That(checkpoint.Steps.Select(s => s.Node.Step), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
            Assert.That(checkpoint.Steps.Where(s => s.Node.Kind == StepKind.Code).Select(s => s.Capture!.Png.Length), Is.All.GreaterThan(0), "screenshots are in the shared store");
            Assert.That(result.Chosen!.Step, Is.EqualTo(3), "select-best: steps 1 and 3 graded 4, the later wins");
            Assert.That(result.Files.Single(f => f.Path == "step.txt").Content.Trim(), Is.EqualTo("3"));
            Assert.That(result.RunDirectory, Does.Not.Contain(first.Replace(':', '_')));
        });
    }

    [Test]
    public async Task A_rollout_group_of_five_fans_out_and_scores_the_same_advantages_as_a_local_run()
    {
        var request = new WebGen.Training.RolloutRequest { PromptId = "prompt", Instruction = ClusterWorld.Instruction("rollout", 3), GroupSize = 5, MaxSteps = 4 };
        var remote = await new WebGen.Training.RolloutGroupRunner(_client).RunAsync(request);

        var services = new ServiceCollection();
        _silos.World.Use(services.AddWebGenAgent(o => o.RunsDirectory = _silos.Temp.Combine("local")));
        await using var provider = services.BuildServiceProvider();
        var local = await new WebGen.Training.RolloutGroupRunner(provider.GetRequiredService<IWebGenAgent>()).RunAsync(request);

        static IEnumerable<string> Shape(WebGen.Training.RolloutGroup group) => group.Trajectories
            .OrderBy(t => t.Index)
            .Select(t => string.Join(" ", t.Messages.Where(m => m.Advantage is not null).Select(m => $"{m.Reward:0.###}/{m.Advantage:0.###}")));
        Assert.That(remote.Failures, Is.Empty);
        Assert.That(remote.Trajectories, Has.Count.EqualTo(5));
        Assert.That(Shape(remote), Is.EqualTo(Shape(local)));
        Assert.That(remote.Trajectories.SelectMany(t => t.Messages).Select(m => m.Advantage).OfType<double>().Distinct().Count(), Is.GreaterThan(1), "the group's rewards differ, so advantages are not all zero");
    }

    [Test]
    public async Task Cancelling_the_client_stops_the_episode_on_its_silo_and_frees_the_slot()
    {
        var modelCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _silos.World.BeforeAnswer = async (_, step, ct) =>
        {
            if (step == 2)
            {
                waiting.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                finally
                {
                    modelCancelled.TrySetResult();
                }
            }
        };

        using var cancellation = new CancellationTokenSource();
        var run = _client.RunAsync(new WebGenRequest { Instruction = ClusterWorld.Instruction("cancel", 3), RunId = "cancelled" }, cancellation.Token);
        await waiting.Task.WaitAsync(Patience);
        await cancellation.CancelAsync();

        Assert.That(async () => await run, Throws.InstanceOf<OperationCanceledException>());
        await modelCancelled.Task.WaitAsync(Patience);
        await WaitForAsync(async () => (await _client.GetWorkersAsync()).Sum(w => w.Running.Count) == 0 ? "" : null);
        var checkpoint = await RunCheckpoint.LoadAsync(new RedisRunStore(_silos.Redis.Connection.GetDatabase(), "cancelled"), _silos.Temp.Combine("check"));
        Assert.That(checkpoint.Steps, Has.Count.EqualTo(1), "the completed step stays, the cancelled one is not recorded");
        Assert.That(checkpoint.IsComplete, Is.False);
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The cluster did not reach the expected state in time.");
            }

            await Task.Delay(50);
        }
    }
}
