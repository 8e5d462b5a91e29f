using System.Text.Json;

namespace WebGen.Bench;

/// <summary>
/// A checkout of Web-Bench (bytedance/web-bench) or a copy with the same layout: <c>projects/&lt;name&gt;/</c> and
/// <c>libraries/&lt;name&gt;/</c>, the workspace packages (<c>@web-bench/test-util</c> …) the projects' tests load.
/// </summary>
public sealed class WebBenchRepository
{
    private readonly Dictionary<string, string> _libraries;

    private WebBenchRepository(string root, IReadOnlyList<string> projects, Dictionary<string, string> libraries)
    {
        Root = root;
        ProjectNames = projects;
        _libraries = libraries;
    }

    /// <summary>Absolute path of the checkout.</summary>
    public string Root { get; }

    /// <summary>The projects of the checkout (folders of <c>projects/</c> with a task list and tests), sorted by name.</summary>
    public IReadOnlyList<string> ProjectNames { get; }

    /// <summary>The workspace libraries found under <c>libraries/</c>, by package name.</summary>
    public IReadOnlyDictionary<string, string> Libraries => _libraries;

    /// <summary>Opens a checkout; throws <see cref="WebBenchProjectException"/> when <paramref name="path"/> has no <c>projects/</c> folder.</summary>
    /// <param name="path">The checkout's root folder.</param>
    public static WebBenchRepository Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var root = Path.GetFullPath(path);
        var projectsDir = Path.Combine(root, "projects");
        if (!Directory.Exists(projectsDir))
        {
            throw new WebBenchProjectException($"'{root}' is not a Web-Bench checkout: it has no projects/ folder. Pass the root of a clone of bytedance/web-bench (or a copy with its projects/ and libraries/ folders).");
        }

        var projects = Directory.EnumerateDirectories(projectsDir)
            .Where(d => (File.Exists(Path.Combine(d, "tasks.jsonl")) || File.Exists(Path.Combine(d, "tasks.yml"))) && Directory.Exists(Path.Combine(d, "test")))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();
        var libraries = new Dictionary<string, string>(StringComparer.Ordinal);
        var librariesDir = Path.Combine(root, "libraries");
        if (Directory.Exists(librariesDir))
        {
            foreach (var dir in Directory.EnumerateDirectories(librariesDir))
            {
                if (PackageName(Path.Combine(dir, "package.json")) is { } name)
                {
                    libraries[name] = dir;
                }
            }
        }

        return new WebBenchRepository(root, projects, libraries);
    }

    /// <summary>
    /// Loads projects by name (all of them when <paramref name="names"/> is null or empty), in the order given.
    /// Unknown names throw <see cref="WebBenchProjectException"/> listing the projects there are.
    /// </summary>
    /// <param name="names">Project names, for example <c>react</c> and <c>dom</c>.</param>
    /// <param name="cancellationToken">Cancels the loading.</param>
    public async Task<IReadOnlyList<WebBenchProject>> LoadProjectsAsync(IEnumerable<string>? names = null, CancellationToken cancellationToken = default)
    {
        var selected = names?.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (selected.Count == 0)
        {
            selected = [.. ProjectNames];
        }

        var unknown = selected.Where(n => !ProjectNames.Contains(n, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new WebBenchProjectException($"No Web-Bench project named {string.Join(", ", unknown.Select(n => $"'{n}'"))} in '{Root}'. Projects there: {string.Join(", ", ProjectNames)}.");
        }

        var projects = new List<WebBenchProject>(selected.Count);
        foreach (var name in selected)
        {
            projects.Add(await LoadProjectAsync(name, cancellationToken).ConfigureAwait(false));
        }

        return projects;
    }

    /// <summary>Loads one project: its tasks, spec files and the libraries its tests need.</summary>
    /// <param name="name">The project's folder name.</param>
    /// <param name="cancellationToken">Cancels the loading.</param>
    public async Task<WebBenchProject> LoadProjectAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var dir = Path.Combine(Root, "projects", name);
        if (!Directory.Exists(dir))
        {
            throw new WebBenchProjectException($"No Web-Bench project named '{name}' in '{Root}'. Projects there: {string.Join(", ", ProjectNames)}.");
        }

        var tasks = await WebBenchTaskFile.ReadAsync(dir, cancellationToken).ConfigureAwait(false);
        var specs = new Dictionary<int, string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(dir, "test"), "*.spec.js"))
        {
            var fileName = Path.GetFileName(file);
            if (fileName == "init.spec.js")
            {
                specs[0] = "test/init.spec.js";
            }
            else if (WebBenchTaskFile.TaskNumber(fileName[..^".spec.js".Length]) is { } number)
            {
                specs[number] = "test/" + fileName;
            }
        }

        foreach (var required in new[] { "package.json", "playwright.config.js" })
        {
            if (!File.Exists(Path.Combine(dir, required)))
            {
                throw new WebBenchProjectException($"The Web-Bench project '{dir}' has no {required}.");
            }
        }

        var libraries = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var package in WorkspaceDependencies(Path.Combine(dir, "package.json")))
        {
            libraries[package] = _libraries.GetValueOrDefault(package);
        }

        return new WebBenchProject { Name = name, Directory = dir, Tasks = tasks, Specs = specs, Libraries = libraries };
    }

    /// <summary>The dependencies declared as <c>workspace:…</c> (links to the monorepo's libraries).</summary>
    internal static IReadOnlyList<string> WorkspaceDependencies(string packageJson)
    {
        using var document = ParseJson(packageJson);
        var names = new List<string>();
        foreach (var section in new[] { "dependencies", "devDependencies" })
        {
            if (document.RootElement.TryGetProperty(section, out var deps) && deps.ValueKind == JsonValueKind.Object)
            {
                names.AddRange(deps.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String && p.Value.GetString()!.StartsWith("workspace:", StringComparison.Ordinal)).Select(p => p.Name));
            }
        }

        return names;
    }

    internal static JsonDocument ParseJson(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new WebBenchProjectException($"'{path}' is not valid JSON: {ex.Message}", ex);
        }
    }

    private static string? PackageName(string packageJson)
    {
        if (!File.Exists(packageJson))
        {
            return null;
        }

        using var document = ParseJson(packageJson);
        return document.RootElement.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
    }
}
