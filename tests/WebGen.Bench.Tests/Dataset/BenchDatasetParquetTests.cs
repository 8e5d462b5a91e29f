using System.Globalization;
using System.Text.Json;
using Parquet;

namespace WebGen.Bench.Tests.Dataset;

public sealed class BenchDatasetParquetTests
{
    private TempDirectory _temp = null!;
    private BenchDataset _testSet = null!;

    [OneTimeSetUp]
    public async Task Load() => _testSet = await BenchDataset.LoadDefaultAsync();

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task The_test_split_as_parquet_in_the_hugging_face_layout_loads_the_same_tasks_as_the_jsonl()
    {
        var path = _temp.Combine("test-00000-of-00001.parquet");
        await HuggingFaceRows.WriteAsync(path, _testSet.Tasks.Select(HuggingFaceRows.From));

        var dataset = await BenchDataset.LoadAsync(path);

        Assert.That(await ColumnPathsAsync(path), Is.EqualTo(new[]
        {
            "id", "instruction", "Category/primary_category", "Category/subcategories/list/element", "application_type",
            "ui_instruct/list/element/task", "ui_instruct/list/element/expected_result",
            "ui_instruct/list/element/task_category/primary_category", "ui_instruct/list/element/task_category/subcategories/list/element",
        }));
        Assert.That(dataset.Format, Is.EqualTo(BenchDatasetFormat.Parquet));
        Assert.That(dataset.Source, Is.EqualTo(path));
        Assert.That((dataset.Tasks.Count, dataset.CaseCount), Is.EqualTo((101, 647)));
        Assert.That(Json(dataset.Tasks), Is.EqualTo(Json(_testSet.Tasks)), "every field of every task and case, in order");
    }

    [Test]
    public async Task A_train_split_of_6667_tasks_without_test_cases_loads_across_row_groups()
    {
        var rows = Enumerable.Range(1, 6667).Select(n =>
        {
            var row = HuggingFaceRows.From(_testSet.Tasks[n % _testSet.Tasks.Count]);
            row.Id = n.ToString("D6", CultureInfo.InvariantCulture);
            row.Instruction = $"Train task {n}: {row.Instruction}";
            row.UiInstruct = n % 2 == 0 ? [] : null;
            return row;
        });
        var path = _temp.Combine("train-00000-of-00001.parquet");
        await HuggingFaceRows.WriteAsync(path, rows, rowGroupSize: 1000);

        var dataset = await BenchDataset.LoadAsync(path);

        Assert.That(await RowGroupsAsync(path), Is.EqualTo(7));
        Assert.That(dataset.Tasks, Has.Count.EqualTo(6667));
        Assert.That(dataset.CaseCount, Is.Zero);
        Assert.That(dataset.Tasks.Select(t => t.LineNumber), Is.EqualTo(Enumerable.Range(1, 6667)), "row numbers run on across row groups");
        var task = dataset.Find("4242")!;
        Assert.That(task.Id, Is.EqualTo("004242"));
        Assert.That(task.Instruction, Is.EqualTo("Train task 4242: " + _testSet.Tasks[4242 % 101].Instruction));
        Assert.That(task.Category, Is.EqualTo(_testSet.Tasks[4242 % 101].Category).Using<BenchCategory>((a, b) => Json(a) == Json(b)));
    }

    [Test]
    public async Task Lists_encoded_as_list_item_by_older_writers_load_the_same()
    {
        var tasks = _testSet.Tasks.Take(5).ToList();
        Assert.That(tasks.All(t => t.Category.Subcategories.Count > 0 && t.Cases.All(c => c.Category.Subcategories.Count > 0)), "the writer needs non-empty lists");
        var path = _temp.Combine("legacy.parquet");
        await HuggingFaceRows.WriteWithItemListNamesAsync(path, tasks);

        var dataset = await BenchDataset.LoadAsync(path);

        Assert.That(await ColumnPathsAsync(path), Does.Contain("ui_instruct/list/item/task_category/subcategories/list/item"));
        Assert.That(Json(dataset.Tasks), Is.EqualTo(Json(tasks)));
    }

    [Test]
    public async Task Invalid_rows_are_all_reported_with_their_row_and_field()
    {
        var rows = _testSet.Tasks.Take(6).Select(HuggingFaceRows.From).ToList();
        rows[2].Instruction = null;
        rows[4].UiInstruct![1].ExpectedResult = null;
        rows[4].Category!.PrimaryCategory = " ";
        rows[5].Id = rows[0].Id;
        var path = _temp.Combine("bad.parquet");
        await HuggingFaceRows.WriteAsync(path, rows);

        var ex = await Assert.ThrowsAsync<BenchDatasetException>(() => BenchDataset.LoadAsync(path));

        Assert.That(ex!.Errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "row 3, field 'instruction': is missing",
            "row 5, field 'Category.primary_category': must not be empty",
            "row 5, field 'ui_instruct[1].expected_result': is missing",
            "row 6, field 'id': the id '000001' is already used on row 1",
        }));
        Assert.That(ex.DatasetPath, Is.EqualTo(path));
        Assert.That(ex.Message, Does.Contain("row 3, field 'instruction'"));
    }

    [Test]
    public async Task A_file_without_a_required_column_names_the_column_and_the_columns_it_has()
    {
        var path = _temp.Combine("no-instruction.parquet");
        await using (var file = File.Create(path))
        {
            await Parquet.Serialization.ParquetSerializer.SerializeAsync(new[] { new IdOnly { Id = "000001" } }, file);
        }

        var ex = await Assert.ThrowsAsync<BenchDatasetException>(() => BenchDataset.LoadAsync(path));

        Assert.That(ex!.Errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            "field 'instruction': the file has no 'instruction' column (its columns: id)",
            "field 'Category': the file has no 'Category' column (its columns: id)",
        }));
    }

    [Test]
    public async Task Files_that_are_not_parquet_or_are_cut_short_are_clear_errors()
    {
        var text = _temp.Combine("text.parquet");
        await File.WriteAllTextAsync(text, "{\"id\": \"1\"}\n");
        var whole = _temp.Combine("whole.parquet");
        await HuggingFaceRows.WriteAsync(whole, _testSet.Tasks.Take(3).Select(HuggingFaceRows.From));
        var bytes = await File.ReadAllBytesAsync(whole);
        var cut = _temp.Combine("cut.parquet");
        await File.WriteAllBytesAsync(cut, bytes[..(bytes.Length / 2)]);

        var notParquet = await Assert.ThrowsAsync<BenchDatasetException>(() => BenchDataset.LoadAsync(text));
        var cutShort = await Assert.ThrowsAsync<BenchDatasetException>(() => BenchDataset.LoadAsync(cut));

        Assert.That(notParquet!.Errors.Single().Message, Does.StartWith("not a Parquet file (it does not start with 'PAR1')"));
        Assert.That(cutShort!.Errors.Single().Message, Does.StartWith("not a readable Parquet file: "));
        Assert.That(cutShort.Errors.Single().LineNumber, Is.Zero);
    }

    [Test]
    public async Task A_stream_that_cannot_seek_is_read_whole()
    {
        var path = _temp.Combine("test.parquet");
        await HuggingFaceRows.WriteAsync(path, _testSet.Tasks.Take(4).Select(HuggingFaceRows.From));
        await using var stream = new ForwardOnlyStream(await File.ReadAllBytesAsync(path));

        var dataset = await BenchDataset.LoadParquetAsync(stream, "upload");

        Assert.That(dataset.Source, Is.EqualTo("upload"));
        Assert.That(Json(dataset.Tasks), Is.EqualTo(Json(_testSet.Tasks.Take(4))));
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    private static async Task<string[]> ColumnPathsAsync(string path)
    {
        await using var file = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(file);
        return [.. reader.Schema.GetDataFields().Select(f => f.Path.ToString())];
    }

    private static async Task<int> RowGroupsAsync(string path)
    {
        await using var file = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(file);
        return reader.RowGroupCount;
    }

    private sealed class IdOnly
    {
        [System.Text.Json.Serialization.JsonPropertyName("id")]
        public string? Id { get; set; }
    }

    private sealed class ForwardOnlyStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
