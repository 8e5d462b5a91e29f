using System.Text.Json.Serialization;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace WebGen.Bench.Tests.Dataset;

/// <summary>
/// Writes WebGen-Bench tasks as Parquet in the column layout of the Hugging Face dataset <c>luzimu/WebGen-Bench</c>
/// (its card's features: <c>id</c>, <c>instruction</c>, <c>Category</c> struct of <c>primary_category</c> and a
/// <c>subcategories</c> string sequence, <c>application_type</c>, <c>ui_instruct</c> list of structs), with Parquet.Net.
/// </summary>
internal static class HuggingFaceRows
{
    public static HfRow From(BenchTask task) => new()
    {
        Id = task.Id,
        Instruction = task.Instruction,
        Category = From(task.Category),
        ApplicationType = task.ApplicationType,
        UiInstruct = [.. task.Cases.Select(c => new HfCase { Task = c.Task, ExpectedResult = c.ExpectedResult, TaskCategory = From(c.Category) })],
    };

    public static async Task WriteAsync(string path, IEnumerable<HfRow> rows, int rowGroupSize = 10_000)
    {
        await using var file = File.Create(path);
        await ParquetSerializer.SerializeAsync(rows, file, new ParquetOptions { RowGroupSize = rowGroupSize });
    }

    /// <summary>
    /// Writes <paramref name="tasks"/> column by column with lists named <c>list/item</c>, the encoding of older Parquet
    /// writers (pyarrow before 13), instead of Parquet.Net's and newer pyarrow's <c>list/element</c>. Every list must be
    /// non-empty: empty lists need definition levels this writer does not take.
    /// </summary>
    public static async Task WriteWithItemListNamesAsync(string path, IReadOnlyList<BenchTask> tasks)
    {
        var caseCategory = new StructField("task_category", new DataField<string>("primary_category"), new ListField("subcategories", new DataField<string>("item")));
        var schema = new ParquetSchema(
            new DataField<string>("id"),
            new DataField<string>("instruction"),
            new StructField("Category", new DataField<string>("primary_category"), new ListField("subcategories", new DataField<string>("item"))),
            new DataField<string>("application_type"),
            new ListField("ui_instruct", new StructField("item", new DataField<string>("task"), new DataField<string>("expected_result"), caseCategory)));
        var fields = schema.GetDataFields();
        var cases = tasks.SelectMany(t => t.Cases.Select((c, i) => (Case: c, Repetition: i == 0 ? 0 : 1))).ToList();
        var caseSubcategories = tasks.SelectMany(t => t.Cases.SelectMany((c, i) => c.Category.Subcategories.Select((s, j) => (Value: s, Repetition: j > 0 ? 2 : i > 0 ? 1 : 0)))).ToList();

        await using var file = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, file);
        using var group = writer.CreateRowGroup();
        await Write(fields[0], tasks.Select(t => t.Id));
        await Write(fields[1], tasks.Select(t => t.Instruction));
        await Write(fields[2], tasks.Select(t => t.Category.PrimaryCategory));
        await Write(fields[3], tasks.SelectMany(t => t.Category.Subcategories), tasks.SelectMany(t => t.Category.Subcategories.Select((_, i) => i == 0 ? 0 : 1)));
        await Write(fields[4], tasks.Select(t => t.ApplicationType));
        await Write(fields[5], cases.Select(c => c.Case.Task), cases.Select(c => c.Repetition));
        await Write(fields[6], cases.Select(c => c.Case.ExpectedResult), cases.Select(c => c.Repetition));
        await Write(fields[7], cases.Select(c => c.Case.Category.PrimaryCategory), cases.Select(c => c.Repetition));
        await Write(fields[8], caseSubcategories.Select(s => s.Value), caseSubcategories.Select(s => s.Repetition));

        Task Write(DataField field, IEnumerable<string> values, IEnumerable<int>? repetitions = null)
            => group.WriteAsync<ReadOnlyMemory<char>>(field, values.Select(v => (ReadOnlyMemory<char>?)v.AsMemory()).ToArray(), repetitions?.ToArray());
    }

    private static HfCategory From(BenchCategory category) => new() { PrimaryCategory = category.PrimaryCategory, Subcategories = [.. category.Subcategories] };

    internal sealed class HfRow
    {
        [JsonPropertyName("id")]
        public string? Id { get; set; }

        [JsonPropertyName("instruction")]
        public string? Instruction { get; set; }

        [JsonPropertyName("Category")]
        public HfCategory? Category { get; set; }

        [JsonPropertyName("application_type")]
        public string? ApplicationType { get; set; }

        [JsonPropertyName("ui_instruct")]
        public List<HfCase>? UiInstruct { get; set; }
    }

    internal sealed class HfCategory
    {
        [JsonPropertyName("primary_category")]
        public string? PrimaryCategory { get; set; }

        [JsonPropertyName("subcategories")]
        public List<string>? Subcategories { get; set; }
    }

    internal sealed class HfCase
    {
        [JsonPropertyName("task")]
        public string? Task { get; set; }

        [JsonPropertyName("expected_result")]
        public string? ExpectedResult { get; set; }

        [JsonPropertyName("task_category")]
        public HfCategory? TaskCategory { get; set; }
    }
}
