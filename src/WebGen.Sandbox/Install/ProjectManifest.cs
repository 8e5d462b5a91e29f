using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WebGen.Sandbox.Install;

/// <summary>
/// The parts of a site's <c>package.json</c> that the sandbox acts on. Reading it is also the gate before every
/// install: a project whose <c>package.json</c> or lockfile points npm at files on this machine, or that carries an
/// npm configuration file, is refused with a message for the model, and npm never runs on it.
/// </summary>
internal sealed class ProjectManifest
{
    /// <summary>Largest <c>package.json</c> or lockfile read (a lockfile of a large site is a few hundred KiB).</summary>
    private const int MaxManifestBytes = 16 * 1024 * 1024;

    /// <summary>Configuration files npm (or another package manager) would read from the project directory.</summary>
    internal static readonly string[] ConfigFiles = [".npmrc", ".yarnrc", ".yarnrc.yml", ".pnpmrc"];

    private static readonly string[] LockFiles = ["package-lock.json", "npm-shrinkwrap.json"];

    // Sections whose values are dependency specs.
    private static readonly string[] SpecSections = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"];

    // Sections that change what npm installs; "scripts" and the rest do not.
    private static readonly string[] DependencySections =
    [
        "dependencies", "devDependencies", "optionalDependencies", "peerDependencies",
        "bundleDependencies", "bundledDependencies", "overrides", "workspaces", "packageManager",
    ];

    private ProjectManifest(IReadOnlyDictionary<string, string> scripts, string dependencies, string scriptsCanonical)
    {
        Scripts = scripts;
        DependenciesCanonical = dependencies;
        ScriptsCanonical = scriptsCanonical;
    }

    /// <summary>Script name to command line.</summary>
    public IReadOnlyDictionary<string, string> Scripts { get; }

    /// <summary>The dependency sections, key-sorted and whitespace-free, for fingerprints.</summary>
    public string DependenciesCanonical { get; }

    /// <summary>The scripts section, key-sorted and whitespace-free, for fingerprints.</summary>
    public string ScriptsCanonical { get; }

    /// <summary>Reads <c>package.json</c> of the workspace; on failure <paramref name="problem"/> says what is wrong, for the model.</summary>
    public static ProjectManifest? TryRead(string workspace, out string? problem)
    {
        problem = ConfigFileProblem(workspace);
        if (problem is not null)
        {
            return null;
        }

        if (!TryReadText(workspace, "package.json", out var text, out problem))
        {
            problem ??= "No package.json in the workspace root. Write a package.json with a \"dev\" script (for example \"vite\") and the site's dependencies.";
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException exception)
        {
            problem = DescribeSyntaxError(text, exception);
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = $"package.json must hold a JSON object, but it holds a {root.ValueKind.ToString().ToLowerInvariant()}.";
                return null;
            }

            var scripts = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("scripts", out var scriptsElement))
            {
                if (scriptsElement.ValueKind != JsonValueKind.Object)
                {
                    problem = "package.json \"scripts\" must be an object mapping script names to commands.";
                    return null;
                }

                foreach (var script in scriptsElement.EnumerateObject())
                {
                    if (script.Value.ValueKind == JsonValueKind.String)
                    {
                        scripts[script.Name] = script.Value.GetString()!;
                    }
                }
            }

            problem = HostDependencyProblem(root, workspace) ?? LockfileProblem(workspace);
            if (problem is not null)
            {
                return null;
            }

            var dependencies = new StringBuilder();
            foreach (var section in DependencySections)
            {
                if (root.TryGetProperty(section, out var value))
                {
                    dependencies.Append(section).Append('=').Append(Canonical(value)).Append('\n');
                }
            }

            problem = null;
            return new ProjectManifest(scripts, dependencies.ToString(), scriptsElement.ValueKind == JsonValueKind.Object ? Canonical(scriptsElement) : "");
        }
    }

    /// <summary>A problem for the model when <paramref name="directory"/> holds a package-manager configuration file.</summary>
    public static string? ConfigFileProblem(string directory)
    {
        var found = ConfigFiles.FirstOrDefault(name => LinkSafeFiles.Kind(directory, [name]) != EntryKind.Missing);
        return found is null
            ? null
            : $"The project has a {found} file. Package-manager configuration files are not allowed in the sandbox (they can point npm at other programs, files or registries), so npm will not run until it is gone: delete it with a shell action such as node -e \"require('fs').rmSync('{found}')\" and keep settings in package.json.";
    }

    /// <summary>
    /// A problem for the model when the <c>package.json</c> in <paramref name="directory"/> or its lockfile names a
    /// dependency on this machine's files; null when it names none (or cannot be read: npm reports that itself).
    /// </summary>
    public static string? HostDependencyProblem(string directory)
    {
        if (!TryReadText(directory, "package.json", out var text, out _))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return (document.RootElement.ValueKind == JsonValueKind.Object ? HostDependencyProblem(document.RootElement, directory) : null)
                ?? LockfileProblem(directory);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? HostDependencyProblem(JsonElement root, string directory)
    {
        foreach (var section in SpecSections)
        {
            if (root.TryGetProperty(section, out var dependencies) && dependencies.ValueKind == JsonValueKind.Object)
            {
                foreach (var dependency in dependencies.EnumerateObject())
                {
                    if (dependency.Value.ValueKind == JsonValueKind.String && DependencySpec.PointsAtHost(dependency.Value.GetString()!, directory))
                    {
                        return HostDependencyMessage($"\"{section}\" → \"{dependency.Name}\": \"{dependency.Value.GetString()}\"");
                    }
                }
            }
        }

        if (root.TryGetProperty("overrides", out var overrides) && FirstHostOverride(overrides, "overrides", directory) is { } where)
        {
            return HostDependencyMessage(where);
        }

        if (root.TryGetProperty("workspaces", out var workspaces))
        {
            var patterns = workspaces.ValueKind == JsonValueKind.Object && workspaces.TryGetProperty("packages", out var packages) ? packages : workspaces;
            if (patterns.ValueKind == JsonValueKind.Array)
            {
                foreach (var pattern in patterns.EnumerateArray())
                {
                    if (pattern.ValueKind == JsonValueKind.String && LeavesTheProject(pattern.GetString()!))
                    {
                        return HostDependencyMessage($"\"workspaces\" → \"{pattern.GetString()}\"");
                    }
                }
            }
        }

        return null;
    }

    // overrides nest: { "foo": "1.0.0", "bar": { ".": "2", "baz": "file:../x" } }.
    private static string? FirstHostOverride(JsonElement element, string path, string directory)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return DependencySpec.PointsAtHost(element.GetString()!, directory) ? $"\"{path}\": \"{element.GetString()}\"" : null;
        }

        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (FirstHostOverride(property.Value, path + " → " + property.Name, directory) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    // A lockfile can name a linked folder ("packages": { "../x": …, "node_modules/x": { "resolved": "../x", "link": true } })
    // or a file: version even when package.json names a registry range.
    private static string? LockfileProblem(string directory)
    {
        foreach (var name in LockFiles)
        {
            if (!TryReadText(directory, name, out var text, out var unreadable))
            {
                // A link or FIFO in the lockfile's place would make npm read elsewhere, or wait forever.
                if (unreadable is not null)
                {
                    return unreadable;
                }

                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind == JsonValueKind.Object && FirstHostLockEntry(document.RootElement, directory) is { } entry)
                {
                    return $"{name} refers to files on this machine outside the project ({entry}). {char.ToUpperInvariant(DependencySpec.Advice[0])}{DependencySpec.Advice[1..]}. Delete {name} with a shell action such as node -e \"require('fs').rmSync('{name}')\" so that npm writes a fresh one.";
                }
            }
            catch (JsonException)
            {
                // npm reports a broken lockfile itself.
            }
        }

        return null;
    }

    private static string? FirstHostLockEntry(JsonElement root, string directory)
    {
        if (root.TryGetProperty("packages", out var packages) && packages.ValueKind == JsonValueKind.Object)
        {
            foreach (var package in packages.EnumerateObject())
            {
                if (package.Name.Length > 0 && LeavesTheProject(package.Name))
                {
                    return $"\"packages\" → \"{package.Name}\"";
                }

                if (package.Value.ValueKind == JsonValueKind.Object && package.Value.TryGetProperty("resolved", out var resolved) && resolved.ValueKind == JsonValueKind.String
                    && IsLocalResolution(resolved.GetString()!, package.Value.TryGetProperty("link", out var link) && link.ValueKind == JsonValueKind.True, directory))
                {
                    return $"\"{package.Name}\" resolved to \"{resolved.GetString()}\"";
                }
            }
        }

        // Lockfile version 1: "dependencies": { "x": { "version": "file:../x", "dependencies": { … } } }.
        return root.TryGetProperty("dependencies", out var dependencies) ? FirstHostV1Entry(dependencies, directory) : null;
    }

    private static string? FirstHostV1Entry(JsonElement dependencies, string directory)
    {
        if (dependencies.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var dependency in dependencies.EnumerateObject())
        {
            if (dependency.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var key in new[] { "version", "resolved" })
            {
                if (dependency.Value.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String && DependencySpec.PointsAtHost(value.GetString()!, directory))
                {
                    return $"\"{dependency.Name}\" {key} \"{value.GetString()}\"";
                }
            }

            if (dependency.Value.TryGetProperty("dependencies", out var nested) && FirstHostV1Entry(nested, directory) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    // A link's "resolved" is a path relative to the project; a packed file: dependency's is "file:…".
    private static bool IsLocalResolution(string resolved, bool isLink, string directory) =>
        DependencySpec.PointsAtHost(resolved, directory) || (isLink && LeavesTheProject(resolved));

    private static bool LeavesTheProject(string path)
    {
        var normalised = path.Replace('\\', '/');
        return normalised.StartsWith('/') || normalised.StartsWith('~') || (normalised.Length >= 2 && normalised[1] == ':')
            || normalised.Split('/').Contains("..");
    }

    private static string HostDependencyMessage(string where) =>
        $"package.json points npm at files on this machine outside the project ({where}); {DependencySpec.Advice}.";

    /// <summary>Reads a project file as text without following links or opening anything but a regular file.</summary>
    private static bool TryReadText(string directory, string name, out string text, out string? problem)
    {
        text = "";
        ReadOutcome read;
        try
        {
            read = LinkSafeFiles.Read(directory, [name], MaxManifestBytes);
        }
        catch (IOException exception)
        {
            problem = $"{name} could not be read: {exception.Message}";
            return false;
        }

        problem = read.Kind switch
        {
            EntryKind.Missing => null,
            EntryKind.SymbolicLink => $"{name} is a symbolic link; write it as a regular file with a file action.",
            EntryKind.File when read.TooLarge => $"{name} is larger than {MaxManifestBytes / (1024 * 1024)} MiB.",
            EntryKind.File => null,
            _ => $"{name} is not a regular file; write it as a regular file with a file action.",
        };
        if (read.Content is null)
        {
            return false;
        }

        text = Encoding.UTF8.GetString(read.Content);
        return true;
    }

    private static string DescribeSyntaxError(string text, JsonException exception)
    {
        var builder = new StringBuilder("package.json is not valid JSON");
        if (exception.LineNumber is { } line)
        {
            var column = (exception.BytePositionInLine ?? 0) + 1;
            builder.Append(CultureInfo.InvariantCulture, $" (line {line + 1}, column {column})");
            builder.Append(": ").Append(FirstSentence(exception.Message)).Append('\n');
            var lines = text.Split('\n');
            var first = (int)Math.Max(0, line - 2);
            var last = (int)Math.Min(lines.Length - 1, line + 2);
            for (var i = first; i <= last; i++)
            {
                builder.Append(CultureInfo.InvariantCulture, $"{(i == line ? ">" : " ")} {i + 1,4} | {lines[i].TrimEnd('\r')}\n");
            }
        }
        else
        {
            builder.Append(": ").Append(FirstSentence(exception.Message));
        }

        return builder.ToString().TrimEnd('\n');
    }

    // System.Text.Json appends "Path: $ | LineNumber: … | BytePositionInLine: …", which the excerpt already shows.
    private static string FirstSentence(string message)
    {
        var path = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return path > 0 ? message[..path] : message;
    }

    private static string Canonical(JsonElement element)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, element);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
