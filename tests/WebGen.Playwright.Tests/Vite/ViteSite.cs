using System.Diagnostics;
using System.Net;

namespace WebGen.Playwright.Tests.Vite;

/// <summary>
/// A real React + Vite site installed with npm into a temporary folder and served by Vite's dev server
/// (started as <c>node node_modules/vite/bin/vite.js</c>, so killing its process tree leaves nothing behind).
/// </summary>
internal sealed class ViteSite : IAsyncDisposable
{
    public const string App =
        """
        import { useState } from 'react';

        export default function App() {
          const [count, setCount] = useState(0);
          return (
            <main style={{ fontFamily: 'sans-serif', padding: 24 }}>
              <h1>Vite counter</h1>
              <button onClick={() => setCount(c => c + 1)}>count is {count}</button>
            </main>
          );
        }
        """;

    public const string BrokenApp =
        """
        export default function App() {
          return <main><h1>Broken</h1></main
        }
        """;

    private static readonly Dictionary<string, string> Files = new()
    {
        ["package.json"] =
            """
            {
              "name": "webgen-vite-test-site",
              "private": true,
              "type": "module",
              "scripts": { "dev": "vite" },
              "dependencies": { "react": "19.3.1", "react-dom": "19.3.1" },
              "devDependencies": { "vite": "8.3.8", "@vitejs/plugin-react": "6.3.0" }
            }
            """,
        ["vite.config.js"] =
            """
            import { defineConfig } from 'vite';
            import react from '@vitejs/plugin-react';
            export default defineConfig({ plugins: [react()] });
            """,
        ["index.html"] =
            """
            <!doctype html>
            <html lang="en">
              <head><meta charset="UTF-8"><title>Vite Counter</title></head>
              <body><div id="root"></div><script type="module" src="/src/main.jsx"></script></body>
            </html>
            """,
        ["src/main.jsx"] =
            """
            import { createRoot } from 'react-dom/client';
            import App from './App.jsx';
            createRoot(document.getElementById('root')).render(<App />);
            """,
        ["src/App.jsx"] = App,
    };

    private readonly string _directory;
    private readonly Process _server;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private ViteSite(string directory, Process server, Uri url)
    {
        _directory = directory;
        _server = server;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<ViteSite> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("webgen-vite-").FullName;
        foreach (var (path, content) in Files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(directory, path))!);
            await File.WriteAllTextAsync(Path.Combine(directory, path), content);
        }

        var install = await RunAsync("npm", ["install", "--no-audit", "--no-fund"], directory, TimeSpan.FromMinutes(5));
        if (install.ExitCode != 0)
        {
            Directory.Delete(directory, recursive: true);
            Assert.Fail($"npm install of the test Vite site failed ({install.ExitCode}):\n{install.Output}");
        }

        var port = FreePort.Get();
        var start = new ProcessStartInfo("node", ["node_modules/vite/bin/vite.js", "--port", port.ToString(), "--strictPort", "--host", "127.0.0.1"])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var server = Process.Start(start)!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var site = new ViteSite(directory, server, new Uri($"http://127.0.0.1:{port}/"));
        if (!await site.WaitForStatusAsync("/", HttpStatusCode.OK))
        {
            await site.DisposeAsync();
            Assert.Fail("The Vite dev server did not answer within 60 s.");
        }

        return site;
    }

    /// <summary>Replaces src/App.jsx and waits until the dev server serves the new module (or its error).</summary>
    public async Task WriteAppAsync(string source, HttpStatusCode expected)
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "src", "App.jsx"), source);
        Assert.That(await WaitForStatusAsync("/src/App.jsx", expected), Is.True, $"the dev server picked up the change to App.jsx ({expected})");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_server.HasExited)
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server.Dispose();
        _http.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<bool> WaitForStatusAsync(string path, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !_server.HasExited)
        {
            try
            {
                using var response = await _http.GetAsync(new Uri(Url, path));
                if (response.StatusCode == expected)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        return false;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] args, string directory, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file, args) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out after " + timeout);
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
