// Measures the local sandbox on a typical 6-file React+Vite site (issue 3's benchmark):
// first step with a cold npm cache, a warm cache and a seeded template; the warm step (edit one file,
// page served with the edit); and the reference procedure (npm install + fresh `npm run dev` every step,
// ready when the URL appears in the log) in the same run. Reports medians, the ratio and peak memory.
//
// Then end to end, isolated and not in the same run (EndToEnd.cs): first and warm steps with screenshot and
// pre-checks on a warm Chromium, against the reference procedure with its fresh browser and 3 s sleep.
//
//   dotnet run -c Release --project bench/WebGen.Sandbox.Benchmarks [-- --runs 5 --warm-runs 10 --no-end-to-end | --end-to-end-only]
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using WebGen;
using WebGen.Sandbox;
using WebGen.Sandbox.Processes;
using WebGen.Sandbox.Start;

var runs = Argument(args, "--runs", 5);
var warmRuns = Argument(args, "--warm-runs", 10);
var root = Path.Combine(Path.GetTempPath(), $"webgen-sandbox-bench-{Guid.NewGuid():N}");
var warmCache = Path.Combine(root, "npm-cache");
var template = Path.Combine(root, "template");
using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
Directory.CreateDirectory(root);

try
{
    Console.WriteLine($"# WebGen.Sandbox benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, node {Tool("node", "--version")}, npm {Tool("npm", "--version")}");
    Console.WriteLine($"Site: 6 files (package.json, vite.config.js, index.html, src/main.jsx, src/App.jsx, src/index.css); {string.Join(", ", Site.Dependencies.Select(d => $"{d.Key} {d.Value}"))}");
    Console.WriteLine($"Runs: {runs} per first-step variant, {warmRuns} warm steps, {warmRuns} reference steps. Load average at start: {LoadAverage()}.\n");

    var prepared = Stopwatch.StartNew();
    await using (var preparer = new LocalNodeSandbox(new LocalSandboxOptions { NpmCacheDirectory = warmCache, NodeModulesTemplatePath = template }))
    {
        var result = await preparer.PrepareTemplateAsync(Site.Dependencies);
        if (result.Status != SandboxStageStatus.Succeeded)
        {
            throw new InvalidOperationException($"Template preparation failed:\n{result.Output}");
        }
    }

    Console.WriteLine($"Template prepared (and the shared cache filled) in {prepared.Elapsed.TotalSeconds:0.00} s.\n");

    if (!args.Contains("--end-to-end-only"))
    {
        var cold = await FirstStepsAsync("cold", _ => new LocalSandboxOptions { NpmCacheDirectory = Path.Combine(root, $"cold-cache-{Guid.NewGuid():N}") });
        var warm = await FirstStepsAsync("warm", _ => new LocalSandboxOptions { NpmCacheDirectory = warmCache });
        var seeded = await FirstStepsAsync("seeded", _ => new LocalSandboxOptions { NpmCacheDirectory = warmCache, NodeModulesTemplatePath = template });
        var (warmSteps, warmPeak, warmSkipped) = await WarmStepsAsync();
        var (referenceSteps, referencePeak) = await ReferenceStepsAsync();

        Console.WriteLine("| Measurement | Median | Min | Max | Runs |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        Row("First step, cold npm cache (install + start + page served)", cold.Total);
        Row("First step, warm npm cache", warm.Total);
        Row("First step, template-seeded node_modules, warm cache", seeded.Total);
        Row("Warm step (edit src/App.jsx → page served with the edit)", warmSteps);
        Row("Reference procedure per step (npm install + fresh `npm run dev`, URL from log, page served)", referenceSteps);
        Console.WriteLine();
        Console.WriteLine("| First step | Install median | Start median (ready + modules verified) |");
        Console.WriteLine("| --- | ---: | ---: |");
        foreach (var (name, steps) in new[] { ("cold cache", cold), ("warm cache", warm), ("template-seeded", seeded) })
        {
            Console.WriteLine($"| {name} | {Seconds(Median(steps.Install))} | {Seconds(Median(steps.Start))} |");
        }

        Console.WriteLine();
        Console.WriteLine($"Warm steps that skipped both install and restart: {warmSkipped} of {warmRuns}.");
        Console.WriteLine($"Warm step vs reference procedure: {Median(referenceSteps) / Median(warmSteps):0.0}× faster (target ≥ 5×; warm step target < 1.5 s).");
        Console.WriteLine($"Load average at the end: {LoadAverage()}.");
        Console.WriteLine($"Peak memory per running episode (RSS of the episode's process tree): sandbox {Megabytes(Math.Max(warmPeak, seeded.PeakRss))}, reference procedure {Megabytes(referencePeak)}.");
    }

    if (!args.Contains("--no-end-to-end"))
    {
        await EndToEnd.RunAsync(root, warmCache, template, Argument(args, "--e2e-first-runs", 3), warmRuns, Argument(args, "--e2e-reference-runs", 3));
    }
}
finally
{
    try
    {
        Directory.Delete(root, recursive: true);
    }
    catch (IOException)
    {
    }
}

async Task<FirstSteps> FirstStepsAsync(string name, Func<int, LocalSandboxOptions> options)
{
    var steps = new FirstSteps();
    for (var run = 0; run < runs; run++)
    {
        var workspace = Path.Combine(root, $"{name}-{run}");
        await using var sandbox = new LocalNodeSandbox(options(run));
        await using var session = await sandbox.OpenSessionAsync(new SandboxSessionRequest { WorkspacePath = Directory.CreateDirectory(workspace).FullName, EpisodeId = $"{name}-{run}" });
        var marker = $"First {name} {run}";
        var clock = Stopwatch.StartNew();
        Site.Write(workspace, marker);
        var result = await session.EnsureRunningAsync();
        Require(result);
        await ServedAsync(result.Url!, marker);
        steps.Total.Add(clock.Elapsed);
        steps.Install.Add(result.Install.Duration);
        steps.Start.Add(result.Start.Duration);
        steps.PeakRss = Math.Max(steps.PeakRss, TreeRss(result.ServerProcessId!.Value));
        Console.Error.WriteLine($"  first step ({name}) {run + 1}/{runs}: {Seconds(clock.Elapsed)}");
    }

    return steps;
}

async Task<(List<TimeSpan> Steps, long PeakRss, int Skipped)> WarmStepsAsync()
{
    var workspace = Directory.CreateDirectory(Path.Combine(root, "warm-steps")).FullName;
    await using var sandbox = new LocalNodeSandbox(new LocalSandboxOptions { NpmCacheDirectory = warmCache, NodeModulesTemplatePath = template });
    await using var session = await sandbox.OpenSessionAsync(new SandboxSessionRequest { WorkspacePath = workspace, EpisodeId = "warm" });
    Site.Write(workspace, "Initial");
    var first = await session.EnsureRunningAsync();
    Require(first);
    using var sampler = new RssSampler(first.ServerProcessId!.Value);
    var steps = new List<TimeSpan>();
    var skipped = 0;
    for (var run = 0; run < warmRuns; run++)
    {
        var marker = $"Warm edit {run} {Guid.NewGuid():N}";
        var clock = Stopwatch.StartNew();
        Site.WriteApp(workspace, marker);
        var result = await session.EnsureRunningAsync();
        Require(result);
        await ServedAsync(result.Url!, marker);
        steps.Add(clock.Elapsed);
        skipped += result.Install.Status == SandboxStageStatus.Skipped && result.Start.Status == SandboxStageStatus.Skipped ? 1 : 0;
        Console.Error.WriteLine($"  warm step {run + 1}/{warmRuns}: {Seconds(clock.Elapsed)}");
    }

    return (steps, sampler.Peak, skipped);
}

// The reference's procedure, measured here rather than quoted: npm install every step, then a fresh
// `npm run dev` (npm → sh → vite), ready when the dev server prints its URL, then the page is fetched.
async Task<(List<TimeSpan> Steps, long PeakRss)> ReferenceStepsAsync()
{
    var workspace = Directory.CreateDirectory(Path.Combine(root, "reference")).FullName;
    var options = new LocalSandboxOptions { NpmCacheDirectory = warmCache };
    var environment = ChildEnvironment.Build(options, warmCache);
    Site.Write(workspace, "Initial");
    await ReferenceProcedure.InstallAsync(workspace, options, environment);

    var steps = new List<TimeSpan>();
    long peak = 0;
    for (var run = 0; run < warmRuns; run++)
    {
        var marker = $"Reference edit {run} {Guid.NewGuid():N}";
        var port = PortAllocator.Reserve(43000, 43999);
        var clock = Stopwatch.StartNew();
        Site.WriteApp(workspace, marker);
        await ReferenceProcedure.InstallAsync(workspace, options, environment);
        var server = await ReferenceProcedure.StartDevServerAsync(workspace, port, options, environment);
        try
        {
            await ServedAsync(new Uri($"http://127.0.0.1:{port}/"), marker);
            steps.Add(clock.Elapsed);
            peak = Math.Max(peak, TreeRss(server.Pid));
        }
        finally
        {
            await server.StopAsync(TimeSpan.FromSeconds(2));
            PortAllocator.Release(port);
        }

        Console.Error.WriteLine($"  reference step {run + 1}/{warmRuns}: {Seconds(clock.Elapsed)}");
    }

    return (steps, peak);
}

// The page a browser would load: the HTML, then the module holding the edit.
async Task ServedAsync(Uri url, string marker)
{
    using (var page = await http.GetAsync(url))
    {
        page.EnsureSuccessStatusCode();
    }

    var module = new Uri(url, "/src/App.jsx");
    var deadline = Stopwatch.StartNew();
    while (!(await http.GetStringAsync(module)).Contains(marker, StringComparison.Ordinal))
    {
        if (deadline.Elapsed > TimeSpan.FromSeconds(30))
        {
            throw new InvalidOperationException($"{module} never served '{marker}'.");
        }

        await Task.Delay(10);
    }
}

static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

static long TreeRss(int leader) =>
    ProcessTable.Snapshot().Where(e => !e.IsZombie && (e.Session == leader || e.ProcessGroup == leader)).Sum(e => ProcessTable.ResidentBytes(e.Pid));

static void Require(SandboxRunResult result)
{
    if (!result.IsRunning)
    {
        throw new InvalidOperationException($"The site did not run ({result.Failure}):\n{result.FailureExcerpt}");
    }
}

static void Row(string name, List<TimeSpan> values) =>
    Console.WriteLine($"| {name} | {Seconds(Median(values))} | {Seconds(values.Min())} | {Seconds(values.Max())} | {values.Count} |");

static TimeSpan Median(List<TimeSpan> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.00} s";

static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):0} MB";

static int Argument(string[] args, string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static string Tool(string program, string argument)
{
    using var process = Process.Start(new ProcessStartInfo(program, argument) { RedirectStandardOutput = true })!;
    var output = process.StandardOutput.ReadToEnd().Trim();
    process.WaitForExit();
    return output;
}

/// <summary>Timings of one first-step variant.</summary>
internal sealed class FirstSteps
{
    public List<TimeSpan> Total { get; } = [];

    public List<TimeSpan> Install { get; } = [];

    public List<TimeSpan> Start { get; } = [];

    public long PeakRss { get; set; }
}

/// <summary>Samples the RSS of a process tree every 50 ms and keeps the peak.</summary>
internal sealed class RssSampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;

    public RssSampler(int leader)
    {
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var rss = Tree(ProcessTable.Snapshot(), leader).Sum(ProcessTable.ResidentBytes);
                Interlocked.Exchange(ref _peak, Math.Max(Interlocked.Read(ref _peak), rss));
                try
                {
                    await Task.Delay(50, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
    }

    public long Peak => Interlocked.Read(ref _peak);

    /// <summary>
    /// The leader and its descendants by parent pid. Not by session or group: an isolated stage's processes run in a
    /// new session (bubblewrap's --new-session), which a session filter would leave out.
    /// </summary>
    private static List<int> Tree(IReadOnlyList<ProcessEntry> table, int leader)
    {
        var live = table.Where(e => !e.IsZombie).ToList();
        var tree = new List<int> { leader };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(live.Where(e => e.ParentPid == tree[i]).Select(e => e.Pid));
        }

        return tree;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait();
        _stop.Dispose();
    }
}

/// <summary>The benchmark's site: a typical small React+Vite app in six files.</summary>
internal static class Site
{
    public static readonly IReadOnlyDictionary<string, string> Dependencies = new Dictionary<string, string>
    {
        ["react"] = "19.3.1",
        ["react-dom"] = "19.3.1",
        ["vite"] = "8.3.8",
        ["@vitejs/plugin-react"] = "6.3.0",
    };

    public static void Write(string directory, string heading)
    {
        var manifest = new
        {
            name = "bench-site",
            @private = true,
            version = "0.0.0",
            type = "module",
            scripts = new Dictionary<string, string> { ["dev"] = "vite", ["build"] = "vite build", ["preview"] = "vite preview" },
            dependencies = new Dictionary<string, string> { ["react"] = Dependencies["react"], ["react-dom"] = Dependencies["react-dom"] },
            devDependencies = new Dictionary<string, string> { ["vite"] = Dependencies["vite"], ["@vitejs/plugin-react"] = Dependencies["@vitejs/plugin-react"] },
        };
        File(directory, "package.json", JsonSerializer.Serialize(manifest));
        File(directory, "vite.config.js", "import { defineConfig } from 'vite'\nimport react from '@vitejs/plugin-react'\n\nexport default defineConfig({ plugins: [react()] })\n");
        File(directory, "index.html", "<!doctype html>\n<html lang=\"en\">\n  <head><meta charset=\"UTF-8\" /><title>Bench</title></head>\n  <body><div id=\"root\"></div><script type=\"module\" src=\"/src/main.jsx\"></script></body>\n</html>\n");
        File(directory, "src/main.jsx", "import { StrictMode } from 'react'\nimport { createRoot } from 'react-dom/client'\nimport './index.css'\nimport App from './App.jsx'\n\ncreateRoot(document.getElementById('root')).render(<StrictMode><App /></StrictMode>)\n");
        File(directory, "src/index.css", "body { font-family: system-ui, sans-serif; margin: 0; }\nheader { padding: 2rem; background: #1e3a8a; color: white; }\n");
        WriteApp(directory, heading);
    }

    public static void WriteApp(string directory, string heading) => File(directory, "src/App.jsx", $$"""
        import { useState } from 'react'

        export default function App() {
          const [count, setCount] = useState(0)
          return (
            <main>
              <header><h1>{{heading}}</h1></header>
              <button onClick={() => setCount(count + 1)}>Clicked {count} times</button>
            </main>
          )
        }
        """);

    private static void File(string directory, string relativePath, string content)
    {
        var path = Path.Combine(directory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
    }
}
