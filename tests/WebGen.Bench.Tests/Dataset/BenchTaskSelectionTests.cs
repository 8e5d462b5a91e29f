namespace WebGen.Bench.Tests.Dataset;

public sealed class BenchTaskSelectionTests
{
    private BenchDataset _dataset = null!;

    [OneTimeSetUp]
    public async Task Load() => _dataset = await TestData.LoadDatasetAsync();

    [Test]
    public void Ranges_and_single_ids_select_in_file_order()
    {
        var tasks = _dataset.Select("42, 1-10");

        Assert.That(tasks.Select(t => t.Id), Is.EqualTo(new[] { "000001", "000002", "000003", "000004", "000005", "000006", "000007", "000008", "000009", "000010", "000042" }));
    }

    [Test]
    public void Padded_and_unpadded_ids_select_the_same_task()
    {
        Assert.That(_dataset.Select("000007,3").Select(t => t.Id), Is.EqualTo(new[] { "000003", "000007" }));
        Assert.That(_dataset.Select("000003-000004").Select(t => t.Id), Is.EqualTo(new[] { "000003", "000004" }));
        Assert.That(_dataset.Find("7")!.Id, Is.EqualTo("000007"));
        Assert.That(_dataset.Find("000200"), Is.Null);
    }

    [Test]
    public void No_selection_selects_every_task()
    {
        Assert.That(_dataset.Select(null), Has.Count.EqualTo(101));
        Assert.That(_dataset.Select("  "), Has.Count.EqualTo(101));
    }

    [Test]
    public void Unknown_ids_are_a_clear_error()
    {
        var ex = Assert.Throws<ArgumentException>(() => _dataset.Select("1-3,200,abc"));

        Assert.That(ex!.Message, Does.Contain("not in the dataset: 200, abc").And.Contain("000001 … 000101 (101 tasks)"));
    }

    [TestCase("1-")]
    [TestCase("-4")]
    [TestCase("1,,2")]
    [TestCase("5-2")]
    [TestCase("1 2")]
    public void Malformed_selections_are_rejected(string text)
    {
        var ex = Assert.Throws<ArgumentException>(() => BenchTaskSelection.Parse(text));

        Assert.That(ex!.Message, Does.Contain("task"));
    }

    [Test]
    public void Exact_ids_select_non_numeric_tasks()
    {
        var line = """{"id": "shop-a", "instruction": "x", "Category": {"primary_category": "Other"}, "ui_instruct": [{"task": "t", "expected_result": "e", "task_category": {"primary_category": "Functional Testing"}}]}""";
        var dataset = BenchDataset.Parse(line + "\n" + line.Replace("shop-a", "shop-b", StringComparison.Ordinal));

        Assert.That(dataset.Select("shop-b").Single().Id, Is.EqualTo("shop-b"));
        Assert.That(BenchTaskSelection.Parse("shop-b").Contains("shop-a"), Is.False);
    }
}
