using System.Text.Json.Serialization;
using Parquet.Serialization;
using WebGen.Bench;

namespace WebGen.Cli.Tests;

/// <summary>Writes WebGen-Bench tasks as Parquet in the Hugging Face dataset's column layout, as a user's downloaded split would be.</summary>
internal static class ParquetDatasets
{
    public static async Task WriteAsync(string path, IEnumerable<BenchTask> tasks)
    {
        var rows = tasks.Select(t => new Row
        {
            Id = t.Id,
            Instruction = t.Instruction,
            Category = Of(t.Category),
            ApplicationType = t.ApplicationType,
            UiInstruct = t.Cases.Count == 0 ? null : [.. t.Cases.Select(c => new Case { Task = c.Task, ExpectedResult = c.ExpectedResult, TaskCategory = Of(c.Category) })],
        });
        await using var file = File.Create(path);
        await ParquetSerializer.SerializeAsync(rows, file);
    }

    private static Category Of(BenchCategory category) => new() { PrimaryCategory = category.PrimaryCategory, Subcategories = [.. category.Subcategories] };

    private sealed class Row
    {
        [JsonPropertyName("id")]
        public string? Id { get; set; }

        [JsonPropertyName("instruction")]
        public string? Instruction { get; set; }

        [JsonPropertyName("Category")]
        public Category? Category { get; set; }

        [JsonPropertyName("application_type")]
        public string? ApplicationType { get; set; }

        [JsonPropertyName("ui_instruct")]
        public List<Case>? UiInstruct { get; set; }
    }

    private sealed class Category
    {
        [JsonPropertyName("primary_category")]
        public string? PrimaryCategory { get; set; }

        [JsonPropertyName("subcategories")]
        public List<string>? Subcategories { get; set; }
    }

    private sealed class Case
    {
        [JsonPropertyName("task")]
        public string? Task { get; set; }

        [JsonPropertyName("expected_result")]
        public string? ExpectedResult { get; set; }

        [JsonPropertyName("task_category")]
        public Category? TaskCategory { get; set; }
    }
}
