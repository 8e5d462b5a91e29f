using System.Globalization;
using System.Text.Json;

namespace WebGen.Bench;

/// <summary>
/// Validates dataset records one by one, whatever file they came from (a JSON line, or a Parquet row turned into the
/// same JSON shape), and builds the dataset or throws with every problem found. One set of rules for both formats.
/// </summary>
internal sealed class BenchDatasetBuilder(string source, BenchDatasetFormat format)
{
    private const int MaxErrors = 50;
    private readonly List<BenchDatasetError> _errors = [];
    private readonly List<BenchTask> _tasks = [];
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);
    private int _lastPosition;

    /// <summary>True once enough problems are collected; readers stop there.</summary>
    public bool IsFull => _errors.Count >= MaxErrors;

    public void AddError(int position, string field, string message)
    {
        _lastPosition = Math.Max(_lastPosition, position);
        _errors.Add(new BenchDatasetError { LineNumber = position, Field = field, Message = message, Format = format });
    }

    /// <summary>Validates one record; a valid one becomes a task.</summary>
    /// <param name="position">Its 1-based line or row.</param>
    /// <param name="root">The record.</param>
    public void Add(int position, JsonElement root)
    {
        _lastPosition = Math.Max(_lastPosition, position);
        var task = Read(position, root);
        if (task is null)
        {
            return;
        }

        if (_seen.TryGetValue(task.Id, out var first))
        {
            AddError(position, "id", $"the id '{task.Id}' is already used on {Unit} {first}");
            return;
        }

        _seen[task.Id] = position;
        _tasks.Add(task);
    }

    /// <summary>The dataset.</summary>
    /// <exception cref="BenchDatasetException">A record was not valid, or there was none.</exception>
    public BenchDataset Build()
    {
        if (_errors.Count == 0 && _tasks.Count == 0)
        {
            AddError(Math.Max(_lastPosition, 1), "", "the dataset holds no task");
        }

        if (_errors.Count > 0)
        {
            throw new BenchDatasetException(source, [.. _errors.Take(MaxErrors)]);
        }

        return new BenchDataset(source, format, _tasks);
    }

    private string Unit => format == BenchDatasetFormat.Parquet ? "row" : "line";

    private BenchTask? Read(int position, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            AddError(position, "", $"expected a JSON object, found {Describe(root.ValueKind)}");
            return null;
        }

        var before = _errors.Count;
        var fields = new FieldReader(this, position);
        var id = fields.String(root, "id", "");
        if (id is not null && (id.Length == 0 || id.Any(c => c is '/' or '\\' or ':') || id is "." or ".."))
        {
            AddError(position, "id", "must be a non-empty name usable as a folder name (no '/', '\\' or ':')");
        }

        var instruction = fields.String(root, "instruction", "");
        if (instruction is not null && string.IsNullOrWhiteSpace(instruction))
        {
            AddError(position, "instruction", "must not be empty");
        }

        var category = fields.Category(root, "Category", "");
        var applicationType = fields.String(root, "application_type", "", required: false) ?? "";

        // A task without test cases is still a task to generate or train on (the training split's rows have none);
        // only evaluation needs cases, and the evaluator says so.
        var cases = new List<BenchCase>();
        if (fields.Property(root, "ui_instruct", "", JsonValueKind.Array, required: false) is { } array)
        {
            var index = 0;
            foreach (var item in array.EnumerateArray())
            {
                var path = string.Create(CultureInfo.InvariantCulture, $"ui_instruct[{index}]");
                if (item.ValueKind != JsonValueKind.Object)
                {
                    AddError(position, path, $"must be an object, found {Describe(item.ValueKind)}");
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
        }

        if (_errors.Count > before)
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
            LineNumber = position,
        };
    }

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Reads typed fields, recording a position/field error for every missing or mistyped one.</summary>
    private sealed class FieldReader(BenchDatasetBuilder builder, int position)
    {
        public JsonElement? Property(JsonElement owner, string name, string parent, JsonValueKind kind, bool required = true)
        {
            var path = parent.Length == 0 ? name : parent + "." + name;
            if (!owner.TryGetProperty(name, out var value) || (!required && value.ValueKind == JsonValueKind.Null))
            {
                if (required)
                {
                    builder.AddError(position, path, "is missing");
                }

                return null;
            }

            if (value.ValueKind != kind)
            {
                builder.AddError(position, path, $"must be {Describe(kind)}, found {Describe(value.ValueKind)}");
                return null;
            }

            return value;
        }

        public string? String(JsonElement owner, string name, string parent, bool required = true)
            => Property(owner, name, parent, JsonValueKind.String, required)?.GetString();

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
                builder.AddError(position, path + ".primary_category", "must not be empty");
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
                        builder.AddError(position, string.Create(CultureInfo.InvariantCulture, $"{path}.subcategories[{i}]"), $"must be a string, found {Describe(item.ValueKind)}");
                    }

                    i++;
                }
            }

            return primary is null ? null : new BenchCategory { PrimaryCategory = primary, Subcategories = subcategories };
        }
    }
}
