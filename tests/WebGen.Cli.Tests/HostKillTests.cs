using System.Diagnostics;
using System.Globalization;

namespace WebGen.Cli.Tests;

/// <summary>
/// <c>kill -9</c> of the host while a generated site runs: the site's dev server and a daemon that its
/// <c>vite.config.js</c> double-forked must die with the host, with no disposal and no later clean-up.
/// </summary>
public sealed class HostKillTests
{
    [Test]
    public async Task Killing_the_cli_with_sigkill_ends_every_process_of_the_site_daemons_included()
    {
        using var temp = new TempDirectory();
        var tag = Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var siteUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await OpenAICompatibleServer.StartAsync((call, _) =>
        {
            if (call.SystemText == CodeModelPrompts.SystemPrompt)
            {
                return ValueTask.FromResult(ScriptedReply.Text(SiteWithDaemon(tag)));
            }

            if (!call.Images.Any())
            {
                return ValueTask.FromResult(ScriptedReply.Text("<boltAction type=\"gui_agent_test\">Verify the heading.</boltAction>"));
            }

            // The screenshot is being judged: the site is up. Hold the host here until it is killed.
            siteUp.TrySetResult();
            return ValueTask.FromResult(ScriptedReply.Hang());
        });
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "webgen"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = temp.Path,
        };
        foreach (var argument in new[] { "generate", "A page that says hello", "--out", temp.Combine("site"), "--runs", temp.Combine("runs"), "--plain", "--max-iterations", "2" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["WEBGEN_CODE_ENDPOINT"] = server.BaseUrl.ToString();
        start.Environment["WEBGEN_CODE_MODEL"] = "scripted-coder";
        start.Environment["WEBGEN_CODE_API_KEY"] = ScriptedModels.ApiKey;
        start.Environment["WebGen__Resilience__MaxRetryAttempts"] = "0";
        using var host = Process.Start(start)!;
        var output = host.StandardOutput.ReadToEndAsync();
        var errors = host.StandardError.ReadToEndAsync();
        try
        {
            var up = await Task.WhenAny(siteUp.Task, host.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(4)));
            Assert.That(up, Is.SameAs(siteUp.Task), $"the site never came up:\n{(host.HasExited ? await output + await errors : "(still running)")}");
            Assert.That(Running(tag), Is.True, "the config's daemon runs while the host lives");
            var siteProcesses = SiteProcesses(temp.Path);
            Assert.That(siteProcesses, Is.Not.Empty, "the dev server runs under the workspace");

            host.Kill(); // SIGKILL: no disposal, no ProcessExit hook
            await host.WaitForExitAsync();

            Assert.That(await EventuallyAsync(() => !Running(tag) && SiteProcesses(temp.Path).Count == 0), Is.True,
                $"left behind: {string.Join(", ", SiteProcesses(temp.Path))} {(Running(tag) ? $"sleep {tag}" : "")}");
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
            }
        }
    }

    private static string SiteWithDaemon(string tag) => $$$"""
        <boltArtifact id="site" title="Hello">
        <boltAction type="file" filePath="package.json">{"name":"hello","private":true,"version":"0.0.0","type":"module","scripts":{"dev":"vite"},"dependencies":{"react":"19.3.1","react-dom":"19.3.1"},"devDependencies":{"vite":"8.3.8","@vitejs/plugin-react":"6.3.0"}}</boltAction>
        <boltAction type="file" filePath="vite.config.js">import { defineConfig } from 'vite'
        import react from '@vitejs/plugin-react'
        import { spawn } from 'node:child_process'

        spawn('sh', ['-c', '(setsid sleep {{{tag}}} &)'], { detached: true, stdio: 'ignore' }).unref()

        export default defineConfig({ plugins: [react()] })
        </boltAction>
        <boltAction type="file" filePath="index.html"><!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>Hello</title></head><body><div id="root"></div><script type="module" src="/src/main.jsx"></script></body></html></boltAction>
        <boltAction type="file" filePath="src/main.jsx">import { createRoot } from 'react-dom/client'
        import App from './App.jsx'

        createRoot(document.getElementById('root')).render(<App />)
        </boltAction>
        <boltAction type="file" filePath="src/App.jsx">export default function App() {
          return <main><h1>Hello</h1></main>
        }
        </boltAction>
        </boltArtifact>
        """;

    private static bool Running(string tag) => Processes().Any(p => p.CommandLine == $"sleep {tag}");

    /// <summary>Live processes whose working directory is under <paramref name="root"/> (the dev server, its children).</summary>
    private static List<string> SiteProcesses(string root) =>
        [.. Processes().Where(p => p.Cwd is { } cwd && cwd.StartsWith(root, StringComparison.Ordinal)).Select(p => $"{p.Pid} {p.CommandLine}")];

    private static IEnumerable<(int Pid, string CommandLine, string? Cwd)> Processes()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string commandLine;
            string? cwd = null;
            try
            {
                if (File.ReadAllText($"{directory}/stat").Split(") ")[^1].StartsWith('Z'))
                {
                    continue;
                }

                commandLine = File.ReadAllText($"{directory}/cmdline").Replace('\0', ' ').Trim();
                cwd = new DirectoryInfo($"{directory}/cwd").LinkTarget;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            yield return (pid, commandLine, cwd);
        }
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return condition();
    }
}
