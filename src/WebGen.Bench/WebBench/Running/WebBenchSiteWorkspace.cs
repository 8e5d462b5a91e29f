using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WebGen.Bench;

/// <summary>
/// The folder the sandbox serves a project's site from: the project's own files (configs, <c>scripts/</c>, assets) with
/// the source under evaluation as <c>src/</c>, and a <c>package.json</c> whose <c>dev</c> script is the project's
/// <c>webServer</c> command, so the sandbox starts the site the way the benchmark's config does, on the sandbox's port.
/// Test-only packages (@playwright/test, the workspace libraries) are left out: the tests run elsewhere.
/// </summary>
internal static partial class WebBenchSiteWorkspace
{
    /// <summary>The file that records which server command the workspace was made for.</summary>
    public const string Marker = ".webbench-site";

    private static readonly HashSet<string> NotCopied = new(StringComparer.Ordinal)
    {
        "test", "src", "src-init", "node_modules", "tasks.jsonl", "tasks.yml", "readme.md", "README.md", "playwright.config.js", "package.json", "eval",
    };

    /// <summary>Creates the workspace when it is missing or was made for another server command; keeps its <c>node_modules</c> and <c>src</c> otherwise.</summary>
    public static void Prepare(WebBenchProject project, WebBenchServerSpec server, string workspace)
    {
        var manifest = Manifest(project, server);
        var markerPath = Path.Combine(workspace, Marker);
        if (File.Exists(markerPath) && File.ReadAllText(markerPath) == manifest)
        {
            return;
        }

        Directory.CreateDirectory(workspace);
        foreach (var entry in Directory.EnumerateFileSystemEntries(project.Directory))
        {
            var name = Path.GetFileName(entry);
            if (NotCopied.Contains(name) || name.StartsWith('.'))
            {
                continue;
            }

            var target = Path.Combine(workspace, name);
            if (Directory.Exists(entry))
            {
                CopyDirectory(entry, target);
            }
            else
            {
                File.Copy(entry, target, overwrite: true);
            }
        }

        File.WriteAllText(Path.Combine(workspace, "package.json"), manifest);
        File.WriteAllText(markerPath, manifest);
    }

    /// <summary>Replaces the workspace's <c>src/</c> with a copy of <paramref name="source"/>.</summary>
    public static void ReplaceSource(string workspace, string source)
    {
        var target = Path.Combine(workspace, "src");
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        CopyDirectory(source, target);
    }

    /// <summary>Copies a directory's files, leaving out dependency and build folders (<c>node_modules</c>, <c>.next</c>, <c>.git</c>).</summary>
    public static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var entry in Directory.EnumerateFileSystemEntries(source))
        {
            var name = Path.GetFileName(entry);
            var destination = Path.Combine(target, name);
            var info = new FileInfo(entry);
            if (info.LinkTarget is not null)
            {
                continue; // links could point outside the source
            }

            if (Directory.Exists(entry))
            {
                if (name is not ("node_modules" or ".next" or ".git"))
                {
                    CopyDirectory(entry, destination);
                }
            }
            else
            {
                File.Copy(entry, destination, overwrite: true);
            }
        }
    }

    /// <summary>The site's package.json: the project's, with the <c>dev</c> script serving it and the test-only packages left out.</summary>
    public static string Manifest(WebBenchProject project, WebBenchServerSpec server)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(project.Directory, "package.json")))!.AsObject();
        var scripts = node["scripts"] as JsonObject ?? [];
        var scriptTexts = scripts.Where(p => p.Value?.GetValueKind() == JsonValueKind.String).ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
        foreach (var section in new[] { "dependencies", "devDependencies" })
        {
            if (node[section] is not JsonObject deps)
            {
                continue;
            }

            foreach (var name in deps.Select(p => p.Key).ToList())
            {
                if (name == "@playwright/test" || deps[name]?.GetValue<string>().StartsWith("workspace:", StringComparison.Ordinal) == true)
                {
                    deps.Remove(name);
                }
            }
        }

        scripts["dev"] = DevScript(server, scriptTexts);
        node["scripts"] = scripts;
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>
    /// The <c>webServer</c> command as a script: <c>npx tool</c> runs the installed tool, <c>npm run x [--] args</c> becomes
    /// script <c>x</c> with its arguments (so the <c>dev</c> script never calls itself), the config's variables are exported
    /// first, and the port is the sandbox's <c>$PORT</c>. A plain <c>vite …</c> stays plain, so the sandbox starts Vite directly.
    /// </summary>
    public static string DevScript(WebBenchServerSpec server, IReadOnlyDictionary<string, string> scripts)
    {
        var segments = server.Command.Split("&&").Select(s => Segment(s.Trim(), scripts));
        var command = string.Join(" && ", segments).Replace(WebBenchServerSpec.PortPlaceholder, "$PORT", StringComparison.Ordinal);
        if (server.Environment.Count == 0)
        {
            return command;
        }

        var exports = new StringBuilder("export");
        foreach (var (name, value) in server.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            exports.Append(' ').Append(name).Append('=').Append(Quote(value));
        }

        return exports + " && " + command;
    }

    private static string Segment(string segment, IReadOnlyDictionary<string, string> scripts)
    {
        var run = NpmRun().Match(segment);
        if (run.Success && scripts.TryGetValue(run.Groups["name"].Value, out var script))
        {
            var arguments = run.Groups["args"].Value.Trim();
            return arguments.Length == 0 ? script : script + " " + arguments;
        }

        return segment.StartsWith("npx ", StringComparison.Ordinal) ? segment[4..].TrimStart() : segment;
    }

    /// <summary>Double quotes with the port placeholder left to expand; everything else literal.</summary>
    private static string Quote(string value)
    {
        var escaped = SpecialCharacters().Replace(value, m => "\\" + m.Value);
        return "\"" + escaped.Replace(WebBenchServerSpec.PortPlaceholder, "$PORT", StringComparison.Ordinal) + "\"";
    }

    [GeneratedRegex("[\"\\\\$`]")]
    private static partial Regex SpecialCharacters();

    [GeneratedRegex(@"^npm\s+run\s+(?<name>[\w:.-]+)(?:\s+--)?(?<args>.*)$")]
    private static partial Regex NpmRun();
}
