using System.Diagnostics;
using System.Globalization;

namespace WebGen.Cli.Tests;

/// <summary>
/// <c>webgen webbench</c>: the reference run over two projects, killed with SIGKILL while the second project's tests
/// run (nothing of it may survive), then rerun with the same output folder: the finished project is not redone and
/// the run completes.
/// </summary>
public sealed class WebBenchCommandTests
{
    [Test]
    public async Task A_run_killed_mid_project_leaves_nothing_running_and_resumes_without_redoing_finished_projects()
    {
        using var temp = new TempDirectory();
        var repo = TrimmedCheckout(temp.Combine("web-bench"));
        var output = temp.Combine("out");
        string[] arguments = ["webbench", "--repo", repo, "--projects", "dom,svelte", "--reference", "--out", output, "--plain"];
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "webgen")) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = temp.Path };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var host = Process.Start(start)!;
        var stdout = host.StandardOutput.ReadToEndAsync();
        var stderr = host.StandardError.ReadToEndAsync();
        try
        {
            // Wait until dom is recorded and svelte's tests are running against its site.
            var svelteRun = Path.Combine(output, "projects", "svelte", "artifacts", "final", "run-1");
            var deadline = Stopwatch.StartNew();
            while (!(File.Exists(Path.Combine(output, "projects", "dom", "result.json")) && Directory.Exists(svelteRun)) && !host.HasExited && deadline.Elapsed < TimeSpan.FromMinutes(20))
            {
                await Task.Delay(200);
            }

            Assert.That(Directory.Exists(svelteRun), Is.True, $"svelte's tests never started:\n{(host.HasExited ? await stdout + await stderr : "(still running)")}");
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.That(Processes(temp.Path), Is.Not.Empty, "the site and the test run are alive before the kill");

            host.Kill(); // SIGKILL: no disposal, no clean-up
            await host.WaitForExitAsync();

            Assert.That(await EventuallyAsync(() => Processes(temp.Path).Count == 0), Is.True, "left behind:\n" + string.Join("\n", Processes(temp.Path)));
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
            }
        }

        Assert.That(File.Exists(Path.Combine(output, "projects", "svelte", "result.json")), Is.False, "the killed project was not recorded");

        var rerun = await CliHarness.RunAsync(arguments[..^1]);

        Assert.That(rerun.ExitCode, Is.Zero, rerun.Error);
        Assert.That(rerun.Out, Does.Contain("dom: already finished"));
        Assert.That(rerun.Out, Does.Match(@"svelte: finished: cases passed: [\d.]+% \(\d+ of 12\)"));
        Assert.That(rerun.Out, Does.Match(@"cases passed: [\d.]+% \(\d+ of 30\)"), "dom's 18 recorded cases and svelte's 12");
        Assert.That(File.ReadAllText(Path.Combine(output, "summary.md")), Does.Contain("| dom |").And.Contain("| svelte |"));
    }

    [Test]
    public async Task Without_reference_or_solutions_the_agent_runs_and_offline_it_says_this_is_no_real_score()
    {
        using var temp = new TempDirectory();
        var repo = TrimmedCheckout(temp.Combine("web-bench"), ("dom", 1));
        var output = temp.Combine("out");

        var outcome = await CliHarness.RunAsync("webbench", "--repo", repo, "--projects", "dom", "--max-iterations", "1", "--out", output);

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
        Assert.That(outcome.Out, Does.Contain("Web-Bench, the agent: 1 project(s) (dom)"));
        Assert.That(outcome.Out, Does.Contain("OFFLINE demo model").And.Contain("NOT A REAL SCORE"), "offline, the output says the scores measure nothing");
        Assert.That(outcome.Out, Does.Contain("dom: task-1 attempt 1 failed").And.Contain("dom: task-1 attempt 2 failed"), "the demo ignores the task, so both attempts fail and the protocol ends");
        Assert.That(outcome.Out, Does.Match(@"cases passed: [\d.]+% \(\d+ of 8\)"), "init's and task 1's cases (the trimmed project has no later specs)");
        Assert.That(File.ReadAllText(Path.Combine(output, "report.html")), Does.Contain("offline demo model (not a real score)"));
        var manifest = File.ReadAllText(Path.Combine(output, "agent-runs", "dom", "task-01-1", "run.json"));
        Assert.That(manifest, Does.Contain("\"startingFileCount\"").And.Contain("--- src/index.html ---"), "the agent run continued the project from src-init/");
        Assert.That(File.ReadAllText(Path.Combine(output, "agent-runs", "dom", "task-01-2", "run.json")), Does.Contain("did not pass the tests"), "the retry got the test errors");
    }

    [Test]
    public async Task An_unknown_project_is_a_clear_error()
    {
        var outcome = await CliHarness.RunAsync("webbench", "--repo", Path.Combine(AppContext.BaseDirectory, "WebBench", "Data", "web-bench"), "--reference", "--projects", "angular");

        Assert.That(outcome.ExitCode, Is.EqualTo(WebGenCli.UserError));
        Assert.That(outcome.Error, Does.Contain("'angular'").And.Contain("dom, svelte"));
    }

    /// <summary>A copy of the test checkout with fewer specs (by default dom: init and tasks 1–3, 18 cases; svelte: tasks 1–5, 12 cases) to keep the test short.</summary>
    private static string TrimmedCheckout(string target, params (string Project, int LastSpec)[] trims)
    {
        Copy(Path.Combine(AppContext.BaseDirectory, "WebBench", "Data", "web-bench"), target);
        foreach (var (project, last) in trims.Length > 0 ? trims : [("dom", 3), ("svelte", 5)])
        {
            foreach (var spec in Directory.EnumerateFiles(Path.Combine(target, "projects", project, "test"), "task-*.spec.js"))
            {
                var number = int.Parse(Path.GetFileName(spec)["task-".Length..^".spec.js".Length], CultureInfo.InvariantCulture);
                if (number > last)
                {
                    File.Delete(spec);
                }
            }
        }

        return target;
    }

    private static void Copy(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.EnumerateDirectories(source))
        {
            Copy(dir, Path.Combine(target, Path.GetFileName(dir)));
        }
    }

    /// <summary>Live processes tied to <paramref name="root"/>: by working directory, command line or environment (the test run's HOME, the site's workspace).</summary>
    private static List<string> Processes(string root)
    {
        var found = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (File.ReadAllText($"{directory}/stat").Split(") ")[^1].StartsWith('Z'))
                {
                    continue;
                }

                var commandLine = File.ReadAllText($"{directory}/cmdline").Replace('\0', ' ').Trim();
                var cwd = new DirectoryInfo($"{directory}/cwd").LinkTarget ?? "";
                var environment = File.ReadAllText($"{directory}/environ");
                if (commandLine.Contains(root, StringComparison.Ordinal) || cwd.StartsWith(root, StringComparison.Ordinal) || environment.Contains(root, StringComparison.Ordinal))
                {
                    found.Add($"{pid} {commandLine}");
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours to read.
            }
        }

        return found;
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return condition();
    }
}
