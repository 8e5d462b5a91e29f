using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace WebGen.Training.Tests;

/// <summary>The schema tables of the package README must describe exactly what the writers produce.</summary>
public sealed class ReadmeSchemaTests
{
    [Test]
    public async Task Readme_jsonl_table_matches_the_written_json()
    {
        using var stream = new MemoryStream();
        await TrajectoryJsonl.WriteAsync([Samples.Full(0)], stream);
        using var document = JsonDocument.Parse(stream.ToArray());
        var actual = new SortedDictionary<string, string>(StringComparer.Ordinal);
        CollectJson(document.RootElement, "", actual);

        var documented = ReadTable("jsonl-schema");

        Assert.That(Format(documented), Is.EqualTo(Format(actual)));
    }

    [Test]
    public async Task Readme_parquet_table_matches_the_written_schema()
    {
        using var stream = new MemoryStream();
        await TrajectoryParquet.WriteAsync([Samples.Full(0)], stream);
        stream.Position = 0;
        var schema = await ParquetReader.ReadSchemaAsync(stream);
        var actual = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in schema.Fields)
        {
            CollectParquet(field, "", actual);
        }

        var documented = ReadTable("parquet-schema");

        Assert.That(Format(documented), Is.EqualTo(Format(actual)));
    }

    private static string Format(IDictionary<string, string> fields) =>
        string.Join("\n", fields.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}"));

    private static void CollectJson(JsonElement element, string path, IDictionary<string, string> fields)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    CollectJson(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", fields);
                }

                break;
            case JsonValueKind.Array:
                fields[path] = "array";
                foreach (var item in element.EnumerateArray())
                {
                    CollectJson(item, path + "[]", fields);
                }

                break;
            case JsonValueKind.String:
                fields[path] = "string";
                break;
            case JsonValueKind.Number:
                // A path is "number" once any value at it has a fraction.
                var kind = element.TryGetInt64(out _) && !element.GetRawText().Contains('.', StringComparison.Ordinal) ? "integer" : "number";
                fields[path] = fields.TryGetValue(path, out var seen) && seen == "number" ? "number" : kind;
                break;
            case JsonValueKind.True or JsonValueKind.False:
                fields[path] = "boolean";
                break;
        }
    }

    private static void CollectParquet(Field field, string prefix, IDictionary<string, string> fields)
    {
        var path = prefix.Length == 0 ? field.Name : $"{prefix}.{field.Name}";
        switch (field)
        {
            case ListField list:
                fields[path] = "list";
                CollectParquet(list.Item, path + "[]", fields, isItem: true);
                break;
            case StructField structure:
                fields[path] = "struct";
                foreach (var child in structure.Fields)
                {
                    CollectParquet(child, path, fields);
                }

                break;
            case DataField data:
                fields[path] = TypeName(data);
                break;
        }
    }

    private static void CollectParquet(Field item, string path, IDictionary<string, string> fields, bool isItem)
    {
        switch (item)
        {
            case StructField structure when isItem:
                foreach (var child in structure.Fields)
                {
                    CollectParquet(child, path, fields);
                }

                break;
            case DataField data when isItem:
                fields[path] = TypeName(data);
                break;
        }
    }

    private static string TypeName(DataField data)
    {
        var type = Nullable.GetUnderlyingType(data.ClrType) ?? data.ClrType;
        var name = type == typeof(string) || type == typeof(ReadOnlyMemory<char>) ? "string"
            : type == typeof(int) ? "int32"
            : type == typeof(long) ? "int64"
            : type == typeof(double) ? "double"
            : type == typeof(bool) ? "boolean"
            : type.Name;
        return data.IsNullable ? name + "?" : name;
    }

    private static SortedDictionary<string, string> ReadTable(string marker)
    {
        var lines = File.ReadAllLines(Path.Combine(TestContext.CurrentContext.TestDirectory, "README.md"));
        var start = Array.IndexOf(lines, $"<!-- {marker} -->");
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"README has no <!-- {marker} --> table");
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(start + 3).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = line.Split('|');
            fields[cells[1].Trim().Trim('`')] = cells[2].Trim().Trim('`');
        }

        return fields;
    }
}
