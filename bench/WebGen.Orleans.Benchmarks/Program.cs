using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using StackExchange.Redis;
using WebGen;
using WebGen.Orleans;
using WebGen.Testing;

// Throughput of model-bound episodes on 1, 2 and 4 in-process silos (a scripted model with a fixed latency per call,
// the fake sandbox, capturer, judge and GUI tester, checkpoints in a real redis-server), and the cluster's overhead
// per step against a local run of the same episode.
//   dotnet run -c Release --project bench/WebGen.Orleans.Benchmarks -- [latency-ms=500] [episodes=24] [steps=4] [slots=4]
var latency = TimeSpan.FromMilliseconds(Arg(0, 500));
var episodes = Arg(1, 24);
var steps = Arg(2, 4);
var slots = Arg(3, 4);
Console.WriteLine($"model latency {latency.TotalMilliseconds} ms per call, {episodes} episodes of {steps} steps, {slots} slots per silo, {Environment.ProcessorCount} cores");

using var temp = new TempDirectory("webgen-orleans-bench");
var redisPort = FreePort();
using var redis = Process.Start(new ProcessStartInfo("/usr/bin/redis-server", ["--port", redisPort.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]) { RedirectStandardOutput = true })!;
await Task.Delay(300);
await using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redisPort}");
await using var model = await OpenAICompatibleServer.StartAsync(async (call, ct) =>
{
    await Task.Delay(latency, ct);
    var step = call.Messages.Count(m => m.Role == "assistant") + 1;
    return ScriptedReply.Text(step >= steps
        ? "<boltAction type=\"finish\"/>"
        : $"<boltArtifact id=\"s\" title=\"S\"><boltAction type=\"file\" filePath=\"index.html\">step {step}</boltAction></boltArtifact>");
});

try
{
    // Local baseline: one episode at a time through the same parts, for the per-step overhead.
    var local = new ServiceCollection();
    Compose(local.AddWebGenAgent(o => o.RunsDirectory = temp.Combine("local")));
    await using var localProvider = local.BuildServiceProvider();
    var localAgent = localProvider.GetRequiredService<IWebGenAgent>();
    await localAgent.RunAsync(new WebGenRequest { Instruction = "warm-up", RunId = "local-warm" });
    var localStep = await PerStepAsync(localAgent, "local");
    Console.WriteLine($"local: {localStep.TotalMilliseconds:0.0} ms per step (model {latency.TotalMilliseconds} ms)");

    double? single = null;
    foreach (var silos in new[] { 1, 2, 4 })
    {
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((silo, siloBuilder) => Compose(siloBuilder.AddWebGenWorker(o => o.Slots = slots))
            .UseRunStore(new RedisRunStoreFactory(connection))
            .Configure(o => o.RunsDirectory = temp.Combine("silos-" + silos, silo.SiloName)));
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var client = new WebGenCluster(cluster.Client, new WebGenClusterOptions { PollWait = TimeSpan.FromSeconds(5), QueueInterval = TimeSpan.FromMilliseconds(20) });
        await client.RunAsync(new WebGenRequest { Instruction = "warm-up", RunId = $"warm-{silos}" });
        if (silos == 1)
        {
            var clusterStep = await PerStepAsync(client, "cluster");
            Console.WriteLine($"cluster (1 silo): {clusterStep.TotalMilliseconds:0.0} ms per step; overhead {(clusterStep - localStep).TotalMilliseconds:0.0} ms per step");
        }

        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, episodes).Select(i => client.RunAsync(new WebGenRequest { Instruction = "episode " + i, RunId = $"run-{silos}-{i}" })));
        watch.Stop();
        var perMinute = episodes / watch.Elapsed.TotalMinutes;
        single ??= perMinute;
        Console.WriteLine($"{silos} silo(s), {silos * slots} slots: {episodes} episodes in {watch.Elapsed.TotalSeconds:0.0} s = {perMinute:0.0} episodes/min, scaling efficiency {perMinute / (single.Value * silos):0.00} (all finished: {results.All(r => r.StopReason == WebGenStopReason.Finished)})");
    }
}
finally
{
    redis.Kill();
}

WebGenAgentBuilder Compose(WebGenAgentBuilder builder) => builder
    .UseCodeModel(model.CreateChatClient())
    .UseSandbox(FakeSandbox.AlwaysRunning())
    .UsePageCapturer(new FakePageCapturer())
    .UseScreenshotJudge(new FakeScreenshotJudge(_ => new ScreenshotJudgement { Grade = 4, Description = "a page", GradeReason = "scripted" }))
    .UseGuiTester(FakeGuiTester.Passing());

async Task<TimeSpan> PerStepAsync(IWebGenAgent agent, string name)
{
    var watch = Stopwatch.StartNew();
    const int Runs = 5;
    for (var i = 0; i < Runs; i++)
    {
        await agent.RunAsync(new WebGenRequest { Instruction = "overhead", RunId = $"{name}-overhead-{i}" });
    }

    return watch.Elapsed / (Runs * steps);
}

int Arg(int index, int fallback) => args.Length > index && int.TryParse(args[index], out var v) ? v : fallback;

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
