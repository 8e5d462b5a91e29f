using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using WebGen.Bench;
using WebGen.Orleans;

namespace WebGen.Cli.Tests;

/// <summary>
/// A real multi-process cluster on this machine: a redis-server started here, three <c>webgen silo</c> processes (the
/// offline demo model, the real sandbox, Vite and Chromium), six episodes submitted through <see cref="WebGenCluster"/>;
/// one silo is killed with SIGKILL in the middle of a step. Every episode completes with the demo model's site, no step is recorded
/// twice, and nothing the killed silo started survives it.
/// </summary>
[NonParallelizable]
public sealed partial class ClusterKillTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(8);

    private const string EnvKey = "trainer-key-0123456789abcdef";

    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A whole bench: generation on the cluster (with a silo's death detected and its episodes redone), then evaluation.</summary>
    private static readonly TimeSpan BenchPatience = TimeSpan.FromMinutes(20);

    /// <summary>Configuration that runs offline whatever the machine's WEBGEN_* variables say.</summary>
    private static readonly Dictionary<string, string?> Offline = new() { ["WebGen:Models:Code:Endpoint"] = "" };

    [Test]
    public async Task Six_episodes_on_three_silo_processes_all_complete_when_one_silo_is_killed_mid_run()
    {
        using var temp = new TempDirectory();
        var redisPort = FreePort();
        using var redis = StartRedis(temp.Path, redisPort);
        var silos = new List<(Process Process, string Directory)>();
        try
        {
            await StartSilosAsync(temp, redisPort, silos);

            using var client = await ConnectAsync(redisPort);
            var cluster = client.Services.GetRequiredService<IWebGenCluster>();
            Assert.That((await cluster.GetWorkersAsync()).Sum(w => w.Capacity), Is.EqualTo(6));

            var instructions = Enumerable.Range(0, 6).Select(i => $"A landing page for shop number {i} selling {new[] { "bread", "tea", "books", "bikes", "plants", "toys" }[i]}").ToList();
            var filesWritten = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            var runs = instructions.Select((instruction, i) => Task.Run(async () =>
            {
                var events = new List<WebGenEvent>();
                await foreach (var e in cluster.RunStreamingAsync(new WebGenRequest { Instruction = instruction, RunId = "shop-" + i, MaxIterations = 1 }))
                {
                    events.Add(e);
                    if (e is FilesWrittenEvent)
                    {
                        filesWritten.TrySetResult(e.RunId);
                    }
                }

                return events;
            })).ToList();

            // Kill the silo of the first episode to write its files, in the middle of that step (install, start, screenshot).
            var runId = await filesWritten.Task.WaitAsync(Patience);
            var victimAddress = (await cluster.GetWorkersAsync()).FirstOrDefault(w => w.Running.Contains(runId))?.Silo;
            Assert.That(victimAddress, Is.Not.Null, $"{runId} is still running its step");
            var endpoint = victimAddress!.Split('@')[0];
            var victim = silos.Single(s => ReadShared(Path.Combine(s.Directory, "stdout.log")).Contains($"silo {endpoint} joined", StringComparison.Ordinal));
            Assert.That(ProcessesUnder(victim.Directory), Is.Not.Empty, "the victim runs sites and a browser");
            victim.Process.Kill(); // SIGKILL
            await victim.Process.WaitForExitAsync();

            var results = await Task.WhenAll(runs).WaitAsync(Patience);
            Assert.Multiple(() =>
            {
                for (var i = 0; i < results.Length; i++)
                {
                    var events = results[i];
                    var result = events.OfType<RunCompletedEvent>().Single().Result;
                    Assert.That(events.OfType<StepCompletedEvent>().Select(e => e.Step), Is.EqualTo(new[] { 1 }), $"shop-{i}: the step recorded once");
                    Assert.That(result.Steps.Select(s => s.Node.Step), Is.EqualTo(new[] { 1 }), $"shop-{i}");
                    Assert.That(result.Chosen, Is.Not.Null, $"shop-{i}");
                    foreach (var file in BoltParser.Parse(OfflineDemoChatClient.WriteSite(instructions[i]), WebGenProfile.Enhanced).Actions.OfType<FileAction>())
                    {
                        Assert.That(result.Files.SingleOrDefault(f => f.Path == file.FilePath)?.Content, Is.EqualTo(file.Content), $"shop-{i}: {file.FilePath} is the demo model's, as on one machine");
                    }
                }

                Assert.That(results[int.Parse(runId["shop-".Length..], CultureInfo.InvariantCulture)].OfType<RunStartedEvent>().Select(s => s.IsResume), Is.EqualTo(new[] { false, true }), "the victim's episode resumed elsewhere");
            });
            Assert.That(await EventuallyAsync(() => ProcessesUnder(victim.Directory).Count == 0), Is.True, "left behind: " + string.Join(", ", ProcessesUnder(victim.Directory)));
            await client.StopAsync();
        }
        finally
        {
            StopAll(silos, redis);
        }
    }

    [Test]
    public async Task A_bench_through_the_cluster_equals_a_single_machine_run_when_a_silo_is_killed()
    {
        using var temp = new TempDirectory();
        var redisPort = FreePort();
        using var redis = StartRedis(temp.Path, redisPort);
        var silos = new List<(Process Process, string Directory)>();
        try
        {
            await StartSilosAsync(temp, redisPort, silos);
            // Six tasks with the fewest cases (26): the evaluation runs on this machine in both runs and is not what is compared.
            const string Tasks = "2,3,10,30,49,88";
            string[] common = ["bench", "--tasks", Tasks, "--max-iterations", "1", "--concurrency", "6"];
            var onCluster = CliHarness.RunAsync(Offline, CancellationToken.None, [.. common, "--out", temp.Combine("cluster"), "--cluster", $"redis://127.0.0.1:{redisPort}"]);

            // Kill (SIGKILL) the first silo seen installing or serving an episode's site (a process working in one of
            // its runs; its browser works elsewhere), while the bench waits for that episode.
            (Process Process, string Directory)? victim = null;
            Assert.That(
                await EventuallyAsync(() => onCluster.IsCompleted || (victim = silos.FirstOrDefault(s => ProcessesUnder(Path.Combine(s.Directory, "runs")).Count > 0)) is { Process: not null }),
                Is.True,
                "no silo ran a site");
            Assert.That(onCluster.IsCompleted, Is.False, "the bench was still running when a silo was killed");
            victim!.Value.Process.Kill();
            await victim.Value.Process.WaitForExitAsync();

            var cluster = await onCluster.WaitAsync(BenchPatience);
            Assert.That(cluster.ExitCode, Is.Zero, cluster.Error);
            Assert.That(cluster.Out, Does.Contain("cluster webgen: 3 worker(s), 6 slot(s)"), "the silo was killed after the bench connected");
            Assert.That(cluster.Out, Does.Contain("generation: 6 generated, 0 already done, 0 failed"));
            var local = await CliHarness.RunAsync(Offline, CancellationToken.None, [.. common, "--out", temp.Combine("local")]);
            Assert.That(local.ExitCode, Is.Zero, local.Error);

            var tasks = (await BenchDataset.LoadDefaultAsync()).Select(Tasks);
            var clusterResults = await BenchResults.LoadAsync(temp.Combine("cluster", "results"));
            var localResults = await BenchResults.LoadAsync(temp.Combine("local", "results"));
            Assert.Multiple(() =>
            {
                foreach (var task in tasks)
                {
                    var onClusterSite = SiteFiles(temp.Combine("cluster", "sites", task.Id));
                    var localSite = SiteFiles(temp.Combine("local", "sites", task.Id));
                    Assert.That(onClusterSite.Keys, Is.EqualTo(localSite.Keys).And.Not.Empty, $"task {task.Id}: the same files");
                    foreach (var (path, content) in localSite.Where(f => onClusterSite.ContainsKey(f.Key)))
                    {
                        Assert.That(onClusterSite[path], Is.EqualTo(content), $"task {task.Id}: {path}");
                    }

                    // Every case evaluated the same way (smoke-checked offline). Whether a smoke check passes depends on
                    // timing on a loaded machine, so the outcomes themselves are not compared.
                    Assert.That(
                        clusterResults.GetCases(task.Id).Select(c => (c.CaseIndex, c.Judgement)).ToList(),
                        Is.EqualTo(localResults.GetCases(task.Id).Select(c => (c.CaseIndex, c.Judgement)).ToList()).And.Count.EqualTo(task.Cases.Count),
                        $"task {task.Id}: every case evaluated the same way");
                }
            });
            Assert.That(await EventuallyAsync(() => ProcessesUnder(victim.Value.Directory).Count == 0), Is.True, "left behind: " + string.Join(", ", ProcessesUnder(victim.Value.Directory)));
        }
        finally
        {
            StopAll(silos, redis);
        }
    }

    [Test]
    public async Task Env_server_fronting_three_silo_processes_spreads_episodes_and_resumes_one_whose_silo_is_killed()
    {
        using var temp = new TempDirectory();
        var redisPort = FreePort();
        using var redis = StartRedis(temp.Path, redisPort);
        var silos = new List<(Process Process, string Directory)>();
        using var cancellation = new CancellationTokenSource();
        var stdout = new StringWriter();
        var output = TextWriter.Synchronized(stdout);
        var errors = TextWriter.Synchronized(new StringWriter());
        Task<int>? server = null;
        try
        {
            await StartSilosAsync(temp, redisPort, silos);
            server = WebGenCli.RunAsync(["env-server", "--port", "0", "--api-key", EnvKey, "--cluster", $"redis://127.0.0.1:{redisPort}"], output, errors, Offline, cancellation.Token);
            Uri? address = null;
            for (var i = 0; i < 1200 && address is null && !server.IsCompleted; i++)
            {
                address = Listening().Match(Locked(output, stdout)) is { Success: true } m ? new Uri(m.Groups[1].Value) : null;
                await Task.Delay(100);
            }

            Assert.That(address, Is.Not.Null, "the server never said where it listens: " + Locked(output, stdout) + errors);
            Assert.That(Locked(output, stdout), Does.Contain("cluster webgen: 3 worker(s), 6 slot(s)"));
            using var http = new HttpClient { BaseAddress = address, Timeout = Patience };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EnvKey);
            for (var i = 0; i < 4; i++)
            {
                using var created = await http.PostAsJsonAsync("episodes", new { instruction = $"A page for shop {i}", id = "env-" + i, maxSteps = 3 });
                Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
            }

            using var client = await ConnectAsync(redisPort);
            var cluster = client.Services.GetRequiredService<IWebGenCluster>();
            var workers = await cluster.GetWorkersAsync();
            Assert.That(workers.Select(w => w.Running.Count).Order(), Is.EqualTo(new[] { 1, 1, 2 }), "four episodes over three workers, each on the one with the most free slots");

            async Task<JsonNode> StepAsync(string id)
            {
                using var response = await http.PostAsJsonAsync($"episodes/{id}/step", new { output = "I would rather not write code." });
                var text = await response.Content.ReadAsStringAsync();
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
                return JsonNode.Parse(text)!;
            }

            var first = await StepAsync("env-0");
            Assert.That((double?)first["reward"]!["value"], Is.EqualTo(-1.0), first.ToJsonString());
            var victimAddress = workers.Single(w => w.Running.Contains("env-0")).Silo;
            var victim = silos.Single(s => ReadShared(Path.Combine(s.Directory, "stdout.log")).Contains($"silo {victimAddress.Split('@')[0]} joined", StringComparison.Ordinal));
            victim.Process.Kill(); // SIGKILL
            await victim.Process.WaitForExitAsync();

            var second = await StepAsync("env-0");
            var holder = (await cluster.GetWorkersAsync()).SingleOrDefault(w => w.Running.Contains("env-0"))?.Silo;
            Assert.Multiple(() =>
            {
                Assert.That((int?)second["step"]!["number"], Is.EqualTo(2), "the episode resumed after its first step: " + second.ToJsonString());
                Assert.That(second["rewards"]!.AsArray().Select(r => (double?)r), Is.EqualTo(new double?[] { -1.0, -1.0 }));
                Assert.That(holder, Is.Not.Null.And.Not.EqualTo(victimAddress), "a surviving worker holds it now");
            });

            await cancellation.CancelAsync();
            Assert.That(await server.WaitAsync(TimeSpan.FromMinutes(1)), Is.Zero);
            Assert.That(await EventuallyAsync(() => ProcessesUnder(victim.Directory).Count == 0), Is.True, "left behind: " + string.Join(", ", ProcessesUnder(victim.Directory)));
            await client.StopAsync();
        }
        finally
        {
            await cancellation.CancelAsync();
            if (server is not null)
            {
                await ((Task)server).WaitAsync(TimeSpan.FromMinutes(1)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            StopAll(silos, redis);
        }
    }

    /// <summary>
    /// A site's files by relative path, without installed dependencies. The lockfile's path is kept but not its
    /// content: npm writes it, and the same package.json can resolve differently from one install to the next.
    /// </summary>
    private static SortedDictionary<string, string> SiteFiles(string directory) =>
        new(Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Contains("node_modules"))
            .ToDictionary(f => f, f => f == "package-lock.json" ? "(written by npm)" : File.ReadAllText(Path.Combine(directory, f))), StringComparer.Ordinal);

    private static Process StartRedis(string directory, int port) =>
        Start("/usr/bin/redis-server", directory, "--port", Text(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no");

    /// <summary>Starts three <c>webgen silo</c> processes of two slots each (added to <paramref name="silos"/> as they start) and waits until all joined.</summary>
    private static async Task StartSilosAsync(TempDirectory temp, int redisPort, List<(Process Process, string Directory)> silos)
    {
        await Task.Delay(300);
        for (var i = 0; i < 3; i++)
        {
            var directory = temp.Combine("silo" + i);
            Directory.CreateDirectory(directory);
            var silo = Start(
                Path.Combine(AppContext.BaseDirectory, "webgen"),
                directory,
                "silo", "--cluster", $"redis://127.0.0.1:{redisPort}", "--slots", "2", "--runs", Path.Combine(directory, "runs"),
                "--silo-port", Text(FreePort()), "--gateway-port", Text(FreePort()), "--plain");
            silos.Add((silo, directory));
        }

        foreach (var (silo, _) in silos)
        {
            await WaitForLineAsync(silo, "joined cluster");
        }
    }

    private static void StopAll(List<(Process Process, string Directory)> silos, Process redis)
    {
        foreach (var (silo, _) in silos)
        {
            if (!silo.HasExited)
            {
                silo.Kill(entireProcessTree: true);
            }

            silo.Dispose();
        }

        redis.Kill(entireProcessTree: true);
    }

    private static async Task<IHost> ConnectAsync(int redisPort)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseRedisClustering($"127.0.0.1:{redisPort}");
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = "webgen";
                o.ServiceId = "webgen";
            });
        });
        builder.Services.AddWebGenCluster(o => o.PollWait = TimeSpan.FromSeconds(2));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static Process Start(string executable, string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var log = Path.Combine(directory, Path.GetFileName(executable) == "redis-server" ? "redis.log" : "stdout.log");
        var writer = TextWriter.Synchronized(new StreamWriter(log) { AutoFlush = true });
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { writer.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { writer.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForLineAsync(Process process, string text)
    {
        var log = Path.Combine(process.StartInfo.WorkingDirectory, "stdout.log");
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!(File.Exists(log) && ReadShared(log).Contains(text, StringComparison.Ordinal)))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                Assert.Fail($"the silo did not join the cluster:\n{(File.Exists(log) ? ReadShared(log) : "")}");
            }

            await Task.Delay(200);
        }
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    private static List<string> ProcessesUnder(string root)
    {
        var found = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText($"{directory}/stat").Split(") ")[^1].StartsWith('Z'))
                {
                    continue;
                }

                if (new DirectoryInfo($"{directory}/cwd").LinkTarget is { } cwd && cwd.StartsWith(root, StringComparison.Ordinal))
                {
                    found.Add($"{pid} {File.ReadAllText($"{directory}/cmdline").Replace('\0', ' ').Trim()}");
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The process ended while it was read.
            }
        }

        return found;
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 150; i++)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return condition();
    }

    /// <summary>
    /// A free loopback port not handed out before in this process: the kernel may give the same ephemeral port to two
    /// listeners opened one after the other, and two silos given one port once made a silo declare itself dead.
    /// </summary>
    private static int FreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (HandedOut)
            {
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    // A synchronized writer locks itself while writing, so reading under that lock sees whole writes.
    private static string Locked(TextWriter synchronized, StringWriter inner)
    {
        lock (synchronized)
        {
            return inner.ToString();
        }
    }

    [GeneratedRegex(@"listening on (http://\S+/)")]
    private static partial Regex Listening();
}
