using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WebGen.Bench;

/// <summary>
/// A WebGen-Bench dataset: one JSON object per line with <c>id</c>, <c>instruction</c>,
/// <c>Category{primary_category, subcategories}</c>, <c>application_type</c> and
/// <c>ui_instruct[]{task, expected_result, task_category}</c>. Loading validates every line and reports all
/// problems with their line numbers and fields at once.
/// </summary>
public sealed class BenchDataset
{
    private const int MaxErrors = 50;
    private readonly Dictionary<string, BenchTask> _byId;

    private BenchDataset(string source, IReadOnlyList<BenchTask> tasks)
    {
        Source = source;
        Tasks = tasks;
        _byId = tasks.ToDictionary(t => t.Id, StringComparer.Ordinal);
    }

    /// <summary>Where the dataset was read from.</summary>
    public string Source { get; }

    /// <summary>Every task, in file order.</summary>
    public IReadOnlyList<BenchTask> Tasks { get; }

    /// <summary>The number of UI test cases over all tasks.</summary>
    public int CaseCount => Tasks.Sum(t => t.Cases.Count);

    /// <summary>Where the dataset is looked for by <see cref="FindDefaultPath"/>, relative to a folder.</summary>
    public const string DefaultRelativePath = "data/webgen-bench/test.jsonl";

    /// <summary>
    /// Finds WebGen-Bench's <c>test.jsonl</c> without being told: <c>data/webgen-bench/test.jsonl</c> in
    /// <paramref name="startDirectory"/>, else <c>shared/data/webgen-bench/test.jsonl</c> beside it or any folder above.
    /// </summary>
    /// <param name="startDirectory">Where to start; the working directory when null.</param>
    /// <returns>The file's full path, or null when none was found.</returns>
    public static string? FindDefaultPath(string? startDirectory = null)
    {
        var start = Path.GetFullPath(startDirectory ?? Directory.GetCurrentDirectory());
        var here = Path.Combine(start, DefaultRelativePath);
        if (File.Exists(here))
        {
            return here;
        }

        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", DefaultRelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Reads and validates a dataset file.</summary>
    /// <param name="path">The <c>.jsonl</c> file.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="BenchDatasetException">A line is not valid; every problem is listed.</exception>
    public static async Task<BenchDataset> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"The dataset file '{full}' does not exist; pass the path of a WebGen-Bench test.jsonl.", full);
        }

        var text = await File.ReadAllTextAsync(full, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        return Parse(text, full);
    }

    /// <summary>Parses and validates dataset text (JSON Lines).</summary>
    /// <param name="jsonLines">The file content.</param>
    /// <param name="source">A name for error messages.</param>
    /// <exception cref="BenchDatasetException">A line is not valid; every problem is listed.</exception>
    public static BenchDataset Parse(string jsonLines, string source = "dataset")
    {
        ArgumentNullException.ThrowIfNull(jsonLines);
        var errors = new List<BenchDatasetError>();
        var tasks = new List<BenchTask>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNumber = 0;
        using var reader = new StringReader(jsonLines);
        for (var line = reader.ReadLine(); line is not null && errors.Count < MaxErrors; line = reader.ReadLine())
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var task = ParseLine(line, lineNumber, errors);
            if (task is null)
            {
                continue;
            }

            if (seen.TryGetValue(task.Id, out var first))
            {
                errors.Add(new BenchDatasetError { LineNumber = lineNumber, Field = "id", Message = $"the id '{task.Id}' is already used on line {first}" });
                continue;
            }

            seen[task.Id] = lineNumber;
            tasks.Add(task);
        }

        if (errors.Count == 0 && tasks.Count == 0)
        {
            errors.Add(new BenchDatasetError { LineNumber = Math.Max(lineNumber, 1), Message = "the dataset holds no task" });
        }

        if (errors.Count > 0)
        {
            throw new BenchDatasetException(source, errors);
        }

        return new BenchDataset(source, tasks);
    }

    /// <summary>Finds a task by id; an all-digit id also matches its zero-padded or unpadded form (<c>42</c> ↔ <c>000042</c>).</summary>
    /// <param name="id">The task id.</param>
    /// <returns>The task, or null when there is none.</returns>
    public BenchTask? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_byId.TryGetValue(id, out var task))
        {
            return task;
        }

        return BenchTaskSelection.TryParseNumber(id, out var number) ? Tasks.FirstOrDefault(t => BenchTaskSelection.TryParseNumber(t.Id, out var n) && n == number) : null;
    }

    /// <summary>Selects tasks with a selection such as <c>1-10,42</c> (see <see cref="BenchTaskSelection"/>); null or empty selects all.</summary>
    /// <param name="selection">The selection text.</param>
    /// <returns>The selected tasks, in file order.</returns>
    /// <exception cref="ArgumentException">The selection is malformed or names a task that is not in the dataset.</exception>
    public IReadOnlyList<BenchTask> Select(string? selection)
        => string.IsNullOrWhiteSpace(selection) ? Tasks : BenchTaskSelection.Parse(selection).Apply(this);

    private static BenchTask? ParseLine(string line, int lineNumber, List<BenchDatasetError> errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            errors.Add(new BenchDatasetError { LineNumber = lineNumber, Message = "not valid JSON: " + ex.Message });
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new BenchDatasetError { LineNumber = lineNumber, Message = $"expected a JSON object, found {Describe(root.ValueKind)}" });
                return null;
            }

            var before = errors.Count;
            var fields = new FieldReader(lineNumber, errors);
            var id = fields.String(root, "id", "");
            if (id is not null && (id.Length == 0 || id.Any(c => c is '/' or '\\' or ':') || id is "." or ".."))
            {
                errors.Add(new BenchDatasetError { LineNumber = lineNumber, Field = "id", Message = "must be a non-empty name usable as a folder name (no '/', '\\' or ':')" });
            }

            var instruction = fields.String(root, "instruction", "");
            if (instruction is not null && string.IsNullOrWhiteSpace(instruction))
            {
                errors.Add(new BenchDatasetError { LineNumber = lineNumber, Field = "instruction", Message = "must not be empty" });
            }

            var category = fields.Category(root, "Category", "");
            var applicationType = fields.OptionalString(root, "application_type", "") ?? "";
            var cases = new List<BenchCase>();
            if (fields.Property(root, "ui_instruct", "", JsonValueKind.Array) is { } array)
            {
                var index = 0;
                foreach (var item in array.EnumerateArray())
                {
                    var path = $"ui_instruct[{index}]";
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        errors.Add(new BenchDatasetError { LineNumber = lineNumber, Field = path, Message = $"must be an object, found {Describe(item.ValueKind)}" });
                    }
                    else
                    {
                        var task = fields.String(item, "task", path);
                        var expected = fields.String(item, "expected_result", path);
                        var caseCategory = fields.Category(item, "task_category", path);
                        if (task is not null && expected is not null && caseCategory is not null && id is not null)
                        {
                            cases.Add(new BenchCase { TaskId = id, Index = index, Task = task, ExpectedResult = expected, Category = caseCategory });
                        }
                    }

                    index++;
                }

                if (index == 0)
                {
                    errors.Add(new BenchDatasetError { LineNumber = lineNumber, Field = "ui_instruct", Message = "must hold at least one test case" });
                }
            }

            if (errors.Count > before)
            {
                return null;
            }

            return new BenchTask
            {
                Id = id!,
                Instruction = instruction!,
                Category = category!,
                ApplicationType = applicationType,
                Cases = cases,
                LineNumber = lineNumber,
            };
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Reads typed fields, recording a line/field error for every missing or mistyped one.</summary>
    private sealed class FieldReader(int lineNumber, List<BenchDatasetError> errors)
    {
        public JsonElement? Property(JsonElement owner, string name, string parent, JsonValueKind kind, bool required = true)
        {
            var path = parent.Length == 0 ? name : parent + "." + name;
            if (!owner.TryGetProperty(name, out var value) || (!required && value.ValueKind == JsonValueKind.Null))
            {
                if (required)
                {
                    errors.Add(new BenchDatasetError { LineNumber = lineNumber, Field = path, Message = "is missing" });
                }

                return null;
            }

            if (value.ValueKind != kind)
            {
                errors.Add(new BenchDatasetError { LineNumber = lineNumber, Field = path, Message = $"must be {Describe(kind)}, found {Describe(value.ValueKind)}" });
                return null;
            }

            return value;
        }

        public string? String(JsonElement owner, string name, string parent)
            => Property(owner, name, parent, JsonValueKind.String)?.GetString();

        public string? OptionalString(JsonElement owner, string name, string parent)
            => Property(owner, name, parent, JsonValueKind.String, required: false)?.GetString();

        public BenchCategory? Category(JsonElement owner, string name, string parent)
        {
            if (Property(owner, name, parent, JsonValueKind.Object) is not { } category)
            {
                return null;
            }

            var path = parent.Length == 0 ? name : parent + "." + name;
            var primary = String(category, "primary_category", path);
            if (primary is not null && string.IsNullOrWhiteSpace(primary))
            {
                errors.Add(new BenchDatasetError { LineNumber = lineNumber, Field = path + ".primary_category", Message = "must not be empty" });
                primary = null;
            }

            var subcategories = new List<string>();
            if (Property(category, "subcategories", path, JsonValueKind.Array, required: false) is { } array)
            {
                var i = 0;
                foreach (var item in array.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        subcategories.Add(item.GetString()!);
                    }
                    else
                    {
                        errors.Add(new BenchDatasetError { LineNumber = lineNumber, Field = string.Create(CultureInfo.InvariantCulture, $"{path}.subcategories[{i}]"), Message = $"must be a string, found {Describe(item.ValueKind)}" });
                    }

                    i++;
                }
            }

            return primary is null ? null : new BenchCategory { PrimaryCategory = primary, Subcategories = subcategories };
        }
    }
}
