using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WebGen.Sandbox.Install;

/// <summary>The parts of a site's <c>package.json</c> that the sandbox acts on.</summary>
internal sealed class ProjectManifest
{
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
        var path = Path.Combine(workspace, "package.json");
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            problem = "No package.json in the workspace root. Write a package.json with a \"dev\" script (for example \"vite\") and the site's dependencies.";
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problem = $"package.json could not be read: {exception.Message}";
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
