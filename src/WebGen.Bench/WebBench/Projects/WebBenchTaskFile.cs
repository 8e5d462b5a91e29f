using System.Globalization;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace WebGen.Bench;

/// <summary>Reads a project's task list: <c>tasks.jsonl</c> (one JSON object a line), or <c>tasks.yml</c> where a project keeps its tasks in YAML.</summary>
internal static class WebBenchTaskFile
{
    public static async Task<IReadOnlyList<WebBenchTask>> ReadAsync(string projectDirectory, CancellationToken cancellationToken)
    {
        var jsonl = Path.Combine(projectDirectory, "tasks.jsonl");
        var yml = Path.Combine(projectDirectory, "tasks.yml");
        List<(string? Id, string? Description, string? Level, string Where)> entries = [];
        if (File.Exists(jsonl))
        {
            var lines = await File.ReadAllLinesAsync(jsonl, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < lines.Length; i++)
            {
                if (string.IsNullOrWhiteSpace(lines[i]))
                {
                    continue;
                }

                var where = $"{jsonl}:{i + 1}";
                try
                {
                    using var line = JsonDocument.Parse(lines[i]);
                    entries.Add((Text(line.RootElement, "id"), Text(line.RootElement, "description"), Text(line.RootElement, "level"), where));
                }
                catch (JsonException ex)
                {
                    throw new WebBenchProjectException($"{where}: not a JSON object ({ex.Message}).", ex);
                }
            }
        }
        else if (File.Exists(yml))
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(await File.ReadAllTextAsync(yml, cancellationToken).ConfigureAwait(false)));
            }
            catch (YamlDotNet.Core.YamlException ex)
            {
                throw new WebBenchProjectException($"{yml}: not valid YAML ({ex.Message}).", ex);
            }

            if (stream.Documents.FirstOrDefault()?.RootNode is not YamlSequenceNode items)
            {
                throw new WebBenchProjectException($"{yml}: expected a list of tasks (id, description).");
            }

            foreach (var item in items.Children.OfType<YamlMappingNode>())
            {
                entries.Add((Scalar(item, "id"), Scalar(item, "description"), Scalar(item, "level"), $"{yml}:{item.Start.Line}"));
            }
        }
        else
        {
            throw new WebBenchProjectException($"The Web-Bench project '{projectDirectory}' has no tasks.jsonl (nor tasks.yml).");
        }

        var tasks = new List<WebBenchTask>();
        foreach (var (id, description, level, where) in entries)
        {
            if (id is null || description is null)
            {
                throw new WebBenchProjectException($"{where}: a task needs an \"id\" and a \"description\".");
            }

            if (id == "init")
            {
                continue; // The starting files already implement it; its spec is run with every task.
            }

            var number = TaskNumber(id) ?? throw new WebBenchProjectException($"{where}: the task id '{id}' is not of the form task-N.");
            tasks.Add(new WebBenchTask { Id = id, Number = number, Description = description.Trim(), Level = level });
        }

        tasks.Sort((a, b) => a.Number.CompareTo(b.Number));
        for (var i = 0; i < tasks.Count; i++)
        {
            if (tasks[i].Number != i + 1)
            {
                throw new WebBenchProjectException($"The tasks of '{projectDirectory}' are not task-1 … task-{tasks.Count} in sequence: task-{i + 1} is missing or repeated.");
            }
        }

        return tasks;
    }

    /// <summary>The N of <c>task-N</c>, or null.</summary>
    public static int? TaskNumber(string id)
        => id.StartsWith("task-", StringComparison.Ordinal) && int.TryParse(id.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    private static string? Text(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Scalar(YamlMappingNode node, string name)
        => node.Children.TryGetValue(new YamlScalarNode(name), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
}
