using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using WebGen;
using WebGen.Playwright;
using WebGen.Sandbox;
using WebGen.Sandbox.Processes;
using WebGen.Sandbox.Start;

/// <summary>
/// A step as the agent runs it, measured with and without isolation in the same run: edit → page served →
/// screenshot with every deterministic pre-check, on the same warm Chromium; and the reference procedure
/// (npm install, a fresh `npm run dev`, ready when its URL is printed, a fresh browser, a 3 s sleep, a screenshot).
/// </summary>
internal static class EndToEnd
{
    public static async Task RunAsync(string root, string warmCache, string template, int firstRuns, int warmRuns, int referenceRuns)
    {
        await using var browser = new PlaywrightBrowserProvider();
        await using var capturer = new PlaywrightPageCapturer(browser);
        var scorers = ScreenshotPreChecks.CreateDefault();
        await browser.GetBrowserAsync();

        var rows = new List<(string Name, List<TimeSpan> Values)>();
        var medians = new Dictionary<string, TimeSpan>();
        var breakdown = new List<string>();
        var firstBreakdown = new List<string>();
        foreach (var isolation in new[] { SandboxIsolation.None, SandboxIsolation.Bubblewrap })
        {
            var first = new List<TimeSpan>();
            var warm = new List<TimeSpan>();
            var parts = (Sandbox: new List<TimeSpan>(), Capture: new List<TimeSpan>(), PreChecks: new List<TimeSpan>());
            var firstParts = (Install: new List<TimeSpan>(), Start: new List<TimeSpan>(), Capture: new List<TimeSpan>());
            var name = isolation == SandboxIsolation.None ? "not isolated" : "isolated (bubblewrap)";
            for (var run = 0; run < firstRuns; run++)
            {
                var workspace = Directory.CreateDirectory(Path.Combine(root, $"e2e-{isolation}-{run}")).FullName;
                await using var sandbox = new LocalNodeSandbox(new LocalSandboxOptions { Isolation = isolation, NpmCacheDirectory = warmCache, NodeModulesTemplatePath = template });
                await using var session = await sandbox.OpenSessionAsync(new SandboxSessionRequest { WorkspacePath = workspace, EpisodeId = $"e2e-{run}" });
                var clock = Stopwatch.StartNew();
                Site.Write(workspace, $"First {run}");
                var result = await session.EnsureRunningAsync();
                var (firstCapture, _) = await CaptureShowingAsync(capturer, scorers, result, $"First {run}", $"e2e-{isolation}-{run}");
                first.Add(clock.Elapsed);
                firstParts.Install.Add(result.Install.Duration);
                firstParts.Start.Add(result.Start.Duration);
                firstParts.Capture.Add(firstCapture);
                Console.Error.WriteLine($"  end-to-end first step ({name}) {run + 1}/{firstRuns}: {clock.Elapsed.TotalSeconds:0.00} s (install {result.Install.Duration.TotalMilliseconds:0} ms, start {result.Start.Duration.TotalMilliseconds:0} ms, capture {firstCapture.TotalMilliseconds:0} ms)");

                if (run == 0)
                {
                    for (var step = 0; step < warmRuns; step++)
                    {
                        var marker = $"Warm {step} {Guid.NewGuid():N}"[..20];
                        clock.Restart();
                        Site.WriteApp(workspace, marker);
                        var warmResult = await session.EnsureRunningAsync();
                        var served = clock.Elapsed;
                        var (captured, checkedAt) = await CaptureShowingAsync(capturer, scorers, warmResult, marker, $"e2e-{isolation}-{run}");
                        warm.Add(clock.Elapsed);
                        parts.Sandbox.Add(served);
                        parts.Capture.Add(captured);
                        parts.PreChecks.Add(checkedAt);
                        Console.Error.WriteLine($"  end-to-end warm step ({name}) {step + 1}/{warmRuns}: {clock.Elapsed.TotalSeconds:0.00} s (sandbox {served.TotalMilliseconds:0} ms, capture {captured.TotalMilliseconds:0} ms, pre-checks {checkedAt.TotalMilliseconds:0} ms)");
                    }
                }

                await capturer.EndSessionAsync($"e2e-{isolation}-{run}");
            }

            rows.Add(($"First step, template-seeded, {name} (install + start + screenshot + pre-checks)", first));
            rows.Add(($"Warm step, {name} (edit → served → screenshot + pre-checks)", warm));
            medians[$"first {isolation}"] = Median(first);
            medians[$"warm {isolation}"] = Median(warm);
            firstBreakdown.Add($"| {name} | {Median(firstParts.Install).TotalMilliseconds:0} ms | {Median(firstParts.Start).TotalMilliseconds:0} ms | {Median(firstParts.Capture).TotalMilliseconds:0} ms |");
            breakdown.Add($"| {name} | {Median(parts.Sandbox).TotalMilliseconds:0} ms | {Median(parts.Capture).TotalMilliseconds:0} ms | {Median(parts.PreChecks).TotalMilliseconds:0} ms |");
        }

        var reference = await ReferenceAsync(root, warmCache, referenceRuns, browser.ExecutablePath!);
        rows.Add(("Reference procedure per step (npm install, fresh `npm run dev`, URL from log, fresh browser, 3 s sleep, screenshot)", reference));

        Console.WriteLine();
        Console.WriteLine("| End to end | Median | Min | Max | Runs |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var (name, values) in rows)
        {
            Console.WriteLine($"| {name} | {Median(values).TotalSeconds:0.00} s | {values.Min().TotalSeconds:0.00} s | {values.Max().TotalSeconds:0.00} s | {values.Count} |");
        }

        Console.WriteLine();
        Console.WriteLine("| First step, medians | Install (template-seeded) | Start (ready + modules verified) | Capture |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        firstBreakdown.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine("| Warm step, medians | Sandbox (edit → served) | Capture (load → screenshot, audit, aria snapshot) | Pre-checks |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        breakdown.ForEach(Console.WriteLine);

        var warmIsolated = medians[$"warm {SandboxIsolation.Bubblewrap}"];
        Console.WriteLine();
        Console.WriteLine($"Isolation overhead on the first step: {(medians[$"first {SandboxIsolation.Bubblewrap}"] - medians[$"first {SandboxIsolation.None}"]).TotalMilliseconds:0} ms (target < 300 ms).");
        Console.WriteLine($"Isolation overhead on a warm step: {(warmIsolated - medians[$"warm {SandboxIsolation.None}"]).TotalMilliseconds:0} ms; isolated warm step {warmIsolated.TotalSeconds:0.00} s (target < 0.75 s).");
        Console.WriteLine($"Reference procedure vs isolated warm step: {Median(reference) / warmIsolated:0.0}× (target ≥ 8×).");
    }

    /// <returns>The capture's and the pre-checks' durations.</returns>
    private static async Task<(TimeSpan Capture, TimeSpan PreChecks)> CaptureShowingAsync(PlaywrightPageCapturer capturer, IReadOnlyList<IScreenshotScorer> scorers, SandboxRunResult result, string marker, string session)
    {
        if (!result.IsRunning)
        {
            throw new InvalidOperationException($"The site did not run ({result.Failure}):\n{result.FailureExcerpt}");
        }

        var clock = Stopwatch.StartNew();
        var capture = await capturer.CaptureAsync(new PageCaptureRequest { Url = result.Url!, SessionId = session });
        var captured = clock.Elapsed;
        if (capture.VisibleText?.Contains(marker, StringComparison.Ordinal) != true)
        {
            throw new InvalidOperationException($"The capture did not show '{marker}': {capture.Failure ?? capture.VisibleText}");
        }

        var context = new ScreenshotScoringContext { Capture = capture, Instruction = "A page with a heading and a counter" };
        clock.Restart();
        foreach (var scorer in scorers)
        {
            await scorer.ScoreAsync(context);
        }

        return (captured, clock.Elapsed);
    }

    private static async Task<List<TimeSpan>> ReferenceAsync(string root, string warmCache, int runs, string executable)
    {
        var workspace = Directory.CreateDirectory(Path.Combine(root, "e2e-reference")).FullName;
        var options = new LocalSandboxOptions { NpmCacheDirectory = warmCache, Isolation = SandboxIsolation.None };
        var environment = ChildEnvironment.Build(options, warmCache);
        using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var steps = new List<TimeSpan>();
        Site.Write(workspace, "Initial");
        for (var run = 0; run < runs; run++)
        {
            var marker = $"Reference {run}";
            var port = PortAllocator.Reserve(43000, 43999);
            var clock = Stopwatch.StartNew();
            Site.WriteApp(workspace, marker);
            await ReferenceProcedure.InstallAsync(workspace, options, environment);
            var server = await ReferenceProcedure.StartDevServerAsync(workspace, port, options, environment);
            try
            {
                // The reference launches a browser per screenshot and sleeps 3 s before taking it.
                await using var fresh = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = executable, Headless = true });
                var page = await fresh.NewPageAsync(new() { ViewportSize = new() { Width = 1024, Height = 768 } });
                await page.GotoAsync($"http://127.0.0.1:{port}/");
                await Task.Delay(TimeSpan.FromSeconds(3));
                await page.ScreenshotAsync();
                if (!(await page.ContentAsync()).Contains(marker, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"The reference page did not show '{marker}'.");
                }

                steps.Add(clock.Elapsed);
            }
            finally
            {
                await server.StopAsync(TimeSpan.FromSeconds(2));
                PortAllocator.Release(port);
            }

            Console.Error.WriteLine($"  end-to-end reference step {run + 1}/{runs}: {clock.Elapsed.TotalSeconds:0.00} s");
        }

        return steps;
    }

    private static TimeSpan Median(List<TimeSpan> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
