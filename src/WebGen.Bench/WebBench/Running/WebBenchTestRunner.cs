using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace WebGen.Bench;

/// <summary>
/// Prepares and runs a project's Playwright tests on the host. The tests are the benchmark's code (trusted, like the
/// harness itself); they drive Chromium against the site that the sandbox serves on the host's loopback, and read the
/// served source where a spec checks files. Their dependencies are installed from the project's own package.json
/// (workspace libraries linked as copies, so one @playwright/test loads; no install scripts) into a cache folder the
/// sandboxed site cannot write, never into the site's workspace, whose <c>node_modules</c> model-written code could change.
/// </summary>
internal sealed class WebBenchTestRunner
{
    private const string ReadyMarker = ".webbench-ready";
    private const string HarnessScriptsVersion = "1";
    private static readonly string[] HostVariables =
        ["PATH", "HOME", "USER", "LANG", "LC_ALL", "TMPDIR", "NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE", "SSL_CERT_DIR", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"];

    private readonly WebBenchOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _preparing = new(StringComparer.Ordinal);

    public WebBenchTestRunner(WebBenchOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        CacheRoot = Path.GetFullPath(options.RunnerCacheDirectory ?? DefaultCacheRoot());
        Chromium = FindChromium(options.ChromiumPath);
    }

    public string CacheRoot { get; }

    /// <summary>The Chromium executable the tests launch.</summary>
    public string Chromium { get; }

    public static string DefaultCacheRoot()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var cache = string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache") : xdg;
        return Path.Combine(cache, "webgen-bench", "web-bench");
    }

    /// <summary>Installs (once per content of the project's tests and libraries) and returns the project's runner.</summary>
    public async Task<WebBenchRunnerInstall> PrepareAsync(WebBenchProject project, CancellationToken cancellationToken)
    {
        var missing = project.Libraries.Where(l => l.Value is null).Select(l => l.Key).ToList();
        if (missing.Count > 0)
        {
            throw new WebBenchProjectException($"The tests of project '{project.Name}' load {string.Join(", ", missing)}, which the checkout's libraries/ folder does not hold; use a complete checkout of bytedance/web-bench.");
        }

        var directory = Path.Combine(CacheRoot, project.Name + "-" + ContentKey(project));
        var gate = _preparing.GetOrAdd(directory, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!File.Exists(Path.Combine(directory, ReadyMarker)))
            {
                await InstallAsync(project, directory, cancellationToken).ConfigureAwait(false);
            }

            return await LoadAsync(project, directory, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Runs the given specs (or <c>file:line</c> filters) against the site on <paramref name="port"/>.</summary>
    public async Task<PlaywrightRunResult> RunAsync(WebBenchProject project, WebBenchRunnerInstall runner, IReadOnlyList<string> filters, int port, string sourceDirectory, string workDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(workDirectory);
        var report = Path.Combine(workDirectory, "report.json");
        File.Delete(report);
        var environment = TestEnvironment(runner.Directory, workDirectory);
        environment["EVAL_PROJECT_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        environment["EVAL_PROJECT_ROOT"] = sourceDirectory;
        environment["WEBBENCH_REPORT"] = report;
        environment["WEBBENCH_OUTPUT_DIR"] = Path.Combine(workDirectory, "test-results");
        environment["WEBBENCH_WORKERS"] = _options.Workers.ToString(CultureInfo.InvariantCulture);
        var run = await HostProcess.RunAsync("node", ["webbench-run.cjs", "test", "-c", "webbench.config.cjs", .. filters], runner.Directory, environment, _options.TestRunTimeout, cancellationToken).ConfigureAwait(false);
        if (!File.Exists(report))
        {
            var why = run.TimedOut ? $"The test run did not finish within {_options.TestRunTimeout.TotalMinutes:0} min and was stopped." : $"The test run ended with exit code {run.ExitCode} and wrote no report.";
            return new PlaywrightRunResult { Cases = [], Errors = [$"{why}\n{run.Tail()}"], Output = run.Output };
        }

        var parsed = PlaywrightJsonReport.Parse(await File.ReadAllTextAsync(report, cancellationToken).ConfigureAwait(false), f => SpecOf(project, f));
        var errors = parsed.Errors.Select(e => e.Spec is null ? e.Message : $"{e.Spec}: {e.Message}").ToList();
        if (run.TimedOut)
        {
            errors.Add($"The test run did not finish within {_options.TestRunTimeout.TotalMinutes:0} min and was stopped.");
        }

        return new PlaywrightRunResult { Cases = parsed.Cases, Errors = errors, LoadErrors = parsed.Errors.Where(e => e.Spec is not null).ToDictionary(e => e.Spec!, e => e.Message), Output = run.Output };
    }

    /// <summary>The project's spec path and task for a file name as the report gives it (relative to the config's test folder).</summary>
    public static (string Spec, int Task)? SpecOf(WebBenchProject project, string reportedFile)
    {
        var name = Path.GetFileName(reportedFile.Replace('\\', '/'));
        foreach (var (task, spec) in project.Specs)
        {
            if (Path.GetFileName(spec) == name)
            {
                return (spec, task);
            }
        }

        return null;
    }

    private static string FindChromium(string? configured)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : throw new InvalidOperationException($"WebBenchOptions.ChromiumPath: '{configured}' does not exist.");
        }

        var candidates = new[] { Environment.GetEnvironmentVariable("PLAYWRIGHT_CHROMIUM_EXECUTABLE"), "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" };
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c))
            ?? throw new InvalidOperationException("No Chromium executable was found for the Web-Bench tests (PLAYWRIGHT_CHROMIUM_EXECUTABLE, /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome). Install Debian's chromium (bash eng/setup.sh) or set WebBenchOptions.ChromiumPath.");
    }

    /// <summary>A hash of everything the runner is made from, so a changed test or library gets a fresh runner.</summary>
    private static string ContentKey(WebBenchProject project)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string root, string file)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(root, file).Replace('\\', '/') + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }

        hash.AppendData(Encoding.UTF8.GetBytes(HarnessScriptsVersion + "\n"));
        foreach (var file in RunnerFiles(project))
        {
            Add(project.Directory, file);
        }

        foreach (var library in project.Libraries.Values.OfType<string>().Order(StringComparer.Ordinal))
        {
            foreach (var file in LibraryFiles(library))
            {
                Add(library, file);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary>The project's files a runner holds: its top-level files (configs, package.json) and its test folder.</summary>
    private static IEnumerable<string> RunnerFiles(WebBenchProject project)
        => Directory.EnumerateFiles(project.Directory).Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Concat(Directory.EnumerateFiles(Path.Combine(project.Directory, "test"), "*", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);

    private static IEnumerable<string> LibraryFiles(string library)
        => Directory.EnumerateFiles(library, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(library, f).Split(Path.DirectorySeparatorChar).Any(p => p is "node_modules" || p.StartsWith('.')))
            .Order(StringComparer.Ordinal);

    private async Task InstallAsync(WebBenchProject project, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(CacheRoot);
        var temp = BenchJson.TempName(directory);
        try
        {
            Directory.CreateDirectory(temp);
            foreach (var file in RunnerFiles(project))
            {
                var target = Path.Combine(temp, Path.GetRelativePath(project.Directory, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            // Workspace libraries become local copies (npm's --install-links), each linking the others the same way.
            var libraryFolders = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, source) in project.Libraries)
            {
                var folder = ".libraries/" + Path.GetFileName(source!);
                libraryFolders[name] = folder;
                foreach (var file in LibraryFiles(source!))
                {
                    var target = Path.Combine(temp, folder, Path.GetRelativePath(source!, file));
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(file, target);
                }
            }

            foreach (var (name, folder) in libraryFolders)
            {
                RewriteWorkspaceLinks(Path.Combine(temp, folder, "package.json"), libraryFolders, "file:../", n => libraryFolders[n][".libraries/".Length..]);
            }

            RewriteWorkspaceLinks(Path.Combine(temp, "package.json"), libraryFolders, "file:./", n => libraryFolders[n]);
            foreach (var script in new[] { "webbench.config.cjs", "webbench-inspect.cjs", "webbench-run.cjs" })
            {
                await File.WriteAllTextAsync(Path.Combine(temp, script), Script(script), cancellationToken).ConfigureAwait(false);
            }

            Log.WebBenchRunnerInstalling(_logger, project.Name, directory);
            string[] arguments = ["install", "--ignore-scripts", "--install-links", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"];
            var install = await HostProcess.RunAsync("npm", arguments, temp, InstallEnvironment(), _options.RunnerInstallTimeout, cancellationToken).ConfigureAwait(false);
            if (!install.Succeeded && install.Output.Contains("ERESOLVE", StringComparison.Ordinal))
            {
                // Web-Bench installs with pnpm, which warns about a peer range a project outgrew (vue: vite 7 with
                // @vitejs/plugin-vue 5) where npm refuses. The runner needs only @playwright/test, so accept it as pnpm does.
                Log.WebBenchRunnerPeerConflict(_logger, project.Name);
                install = await HostProcess.RunAsync("npm", [.. arguments, "--legacy-peer-deps"], temp, InstallEnvironment(), _options.RunnerInstallTimeout, cancellationToken).ConfigureAwait(false);
            }

            if (!install.Succeeded)
            {
                var why = install.TimedOut ? $"did not finish within {_options.RunnerInstallTimeout.TotalMinutes:0} min" : $"failed with exit code {install.ExitCode}";
                throw new InvalidOperationException($"Installing the test runner of Web-Bench project '{project.Name}' (npm install in {temp}) {why}:\n{install.Tail()}");
            }

            if (!File.Exists(Path.Combine(temp, "node_modules", "@playwright", "test", "cli.js")))
            {
                throw new InvalidOperationException($"The project '{project.Name}' does not depend on @playwright/test, so its tests cannot run.");
            }

            await File.WriteAllTextAsync(Path.Combine(temp, ReadyMarker), DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            try
            {
                Directory.Move(temp, directory);
            }
            catch (IOException) when (File.Exists(Path.Combine(directory, ReadyMarker)))
            {
                // Another process finished the same runner first; its copy is as good.
            }
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    private async Task<WebBenchRunnerInstall> LoadAsync(WebBenchProject project, string directory, CancellationToken cancellationToken)
    {
        var serverFile = Path.Combine(directory, "webbench-server.json");
        var listFile = Path.Combine(directory, "webbench-list.json");
        var home = Path.Combine(directory, ".home");
        if (!File.Exists(serverFile))
        {
            var environment = TestEnvironment(directory, home);
            environment["EVAL_PROJECT_PORT"] = WebBenchServerSpec.PortPlaceholder;
            var inspect = await HostProcess.RunAsync("node", ["webbench-inspect.cjs"], directory, environment, TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
            if (!inspect.Succeeded)
            {
                throw new WebBenchProjectException($"The Playwright config of project '{project.Name}' could not be read:\n{inspect.Tail()}");
            }

            await BenchJson.WriteTextAsync(serverFile, inspect.Output.Trim(), cancellationToken).ConfigureAwait(false);
        }

        if (!File.Exists(listFile))
        {
            var environment = TestEnvironment(directory, home);
            environment["EVAL_PROJECT_PORT"] = "9";
            var temp = BenchJson.TempName(listFile);
            environment["WEBBENCH_REPORT"] = temp;
            environment["WEBBENCH_OUTPUT_DIR"] = Path.Combine(home, "list-results");
            var list = await HostProcess.RunAsync("node", ["webbench-run.cjs", "test", "--list", "-c", "webbench.config.cjs"], directory, environment, TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);
            if (!File.Exists(temp))
            {
                throw new WebBenchProjectException($"Listing the tests of project '{project.Name}' failed (exit code {list.ExitCode}):\n{list.Tail()}");
            }

            File.Move(temp, listFile, overwrite: true);
        }

        var parsed = PlaywrightJsonReport.Parse(await File.ReadAllTextAsync(listFile, cancellationToken).ConfigureAwait(false), f => SpecOf(project, f));
        return new WebBenchRunnerInstall
        {
            Directory = directory,
            Server = ParseServer(project, directory, await File.ReadAllTextAsync(serverFile, cancellationToken).ConfigureAwait(false)),
            Cases = [.. parsed.Cases.Select(c => c.Result with { Status = WebBenchCaseStatus.NotRun })], // a listing reports every case as skipped: none ran
            LoadErrors = parsed.Errors.Where(e => e.Spec is not null).GroupBy(e => e.Spec!).ToDictionary(g => g.Key, g => g.First().Message),
        };
    }

    private static WebBenchServerSpec ParseServer(WebBenchProject project, string runnerDirectory, string json)
    {
        using var document = JsonDocument.Parse(json);
        var servers = document.RootElement.GetProperty("servers");
        if (servers.GetArrayLength() != 1 || servers[0].GetProperty("command").ValueKind != JsonValueKind.String)
        {
            throw new WebBenchProjectException($"The Playwright config of project '{project.Name}' must start exactly one web server with a command (it has {servers.GetArrayLength()}).");
        }

        var server = servers[0];
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in server.GetProperty("env").EnumerateObject())
        {
            environment[variable.Name] = variable.Value.ValueKind == JsonValueKind.String ? variable.Value.GetString()! : variable.Value.GetRawText();
        }

        var readyPath = "/";
        if (server.GetProperty("url").ValueKind == JsonValueKind.String
            && Uri.TryCreate(server.GetProperty("url").GetString()!.Replace(WebBenchServerSpec.PortPlaceholder, "1", StringComparison.Ordinal), UriKind.Absolute, out var url))
        {
            readyPath = url.PathAndQuery;
        }

        // The config runs in the runner's folder; the site's workspace has the same layout, so its paths become relative.
        var command = server.GetProperty("command").GetString()!.Replace(runnerDirectory + "/", "./", StringComparison.Ordinal).Replace(runnerDirectory, ".", StringComparison.Ordinal);
        return new WebBenchServerSpec
        {
            Command = command,
            Environment = environment,
            ReadyPath = readyPath,
            Timeout = TimeSpan.FromMilliseconds(server.GetProperty("timeout").GetDouble()),
        };
    }

    private static void RewriteWorkspaceLinks(string packageJson, Dictionary<string, string> libraries, string prefix, Func<string, string> target)
    {
        if (!File.Exists(packageJson))
        {
            return;
        }

        var node = JsonNode.Parse(File.ReadAllText(packageJson))!.AsObject();
        foreach (var section in new[] { "dependencies", "devDependencies", "peerDependencies" })
        {
            if (node[section] is not JsonObject deps)
            {
                continue;
            }

            foreach (var name in deps.Select(p => p.Key).ToList())
            {
                if (deps[name]?.GetValue<string>() is { } spec && spec.StartsWith("workspace:", StringComparison.Ordinal))
                {
                    if (libraries.ContainsKey(name))
                    {
                        deps[name] = prefix + target(name);
                    }
                    else
                    {
                        deps.Remove(name);
                    }
                }
            }
        }

        // The runner runs no package scripts, and its name must not clash with a library's.
        node.Remove("scripts");
        File.WriteAllText(packageJson, node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static Dictionary<string, string> InstallEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in HostVariables)
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                environment[name] = value;
            }
        }

        foreach (var entry in Environment.GetEnvironmentVariables().Keys.OfType<string>().Where(k => k.StartsWith("npm_config_", StringComparison.OrdinalIgnoreCase)))
        {
            environment[entry] = Environment.GetEnvironmentVariable(entry) ?? "";
        }

        environment["npm_config_ignore_scripts"] = "true";
        environment["npm_config_yes"] = "true";
        return environment;
    }

    /// <summary>The test run's whole environment: no host variable beyond the basics (no keys or tokens), a private HOME, no CI flag (the configs would retry and change reporters).</summary>
    private Dictionary<string, string> TestEnvironment(string runnerDirectory, string home)
    {
        Directory.CreateDirectory(home);
        var nodeDirectory = Path.GetDirectoryName(ResolveOnPath("node") ?? "/usr/bin/node")!;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = string.Join(':', new[] { Path.Combine(runnerDirectory, "node_modules", ".bin"), nodeDirectory, "/usr/local/bin", "/usr/bin", "/bin" }.Distinct(StringComparer.Ordinal)),
            ["HOME"] = home,
            ["LANG"] = "C.UTF-8",
            ["TMPDIR"] = Path.GetTempPath().TrimEnd('/'),
            ["IS_EVAL_PRODUCTION"] = "1",
            ["NO_COLOR"] = "1",
            ["FORCE_COLOR"] = "0",
            ["WEBBENCH_CHROMIUM"] = Chromium,
            ["WEBBENCH_WORKERS"] = _options.Workers.ToString(CultureInfo.InvariantCulture),
        };
    }

    private static string? ResolveOnPath(string program)
        => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    private static string Script(string name)
    {
        using var stream = typeof(WebBenchTestRunner).Assembly.GetManifestResourceStream("WebGen.Bench.WebBench." + name)
            ?? throw new InvalidOperationException($"The harness script {name} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
