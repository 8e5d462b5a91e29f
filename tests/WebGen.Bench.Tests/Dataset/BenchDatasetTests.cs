namespace WebGen.Bench.Tests.Dataset;

public sealed class BenchDatasetTests
{
    private const string GoodLine = """{"id": "000001", "instruction": "Build a todo list.", "Category": {"primary_category": "User Interaction", "subcategories": ["Form Systems"]}, "application_type": "Tools", "ui_instruct": [{"task": "Add a todo.", "expected_result": "It appears in the list.", "task_category": {"primary_category": "Functional Testing", "subcategories": ["Form Operations"]}}]}""";

    [Test]
    public async Task The_built_in_test_set_loads_with_the_published_counts()
    {
        var dataset = await BenchDataset.LoadDefaultAsync();

        Assert.That(dataset.Source, Is.EqualTo("the built-in WebGen-Bench test set"));
        Assert.That(dataset.Format, Is.EqualTo(BenchDatasetFormat.JsonLines));
        Assert.That(dataset.Tasks, Has.Count.EqualTo(101));
        Assert.That(dataset.CaseCount, Is.EqualTo(647));
        var taskCategories = dataset.Tasks.GroupBy(t => t.Category.PrimaryCategory).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(taskCategories, Is.EquivalentTo(new Dictionary<string, int> { ["User Interaction"] = 49, ["Content Presentation"] = 28, ["Data Management"] = 24 }));
        var caseCategories = dataset.Tasks.SelectMany(t => t.Cases).GroupBy(c => c.Category.PrimaryCategory).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(caseCategories, Is.EquivalentTo(new Dictionary<string, int> { ["Functional Testing"] = 339, ["Data Display Testing"] = 186, ["Design Validation Testing"] = 122 }));
        Assert.That(dataset.Tasks[0].Id, Is.EqualTo("000001"));
        Assert.That(dataset.Tasks[^1].Id, Is.EqualTo("000101"));
        Assert.That(dataset.Tasks[0].LineNumber, Is.EqualTo(1));
        Assert.That(dataset.Tasks[0].ApplicationType, Is.EqualTo("Analytics Platforms/Dashboards"));
        Assert.That(dataset.Tasks[0].Category.Subcategories, Is.EqualTo(new[] { "CRUD Operations", "API Integration", "Data Visualization" }));
        Assert.That(dataset.Tasks[0].Cases[0].Task, Does.StartWith("Verify the stock search functionality"));
        Assert.That(dataset.Tasks.All(t => t.Cases.Select(c => c.Index).SequenceEqual(Enumerable.Range(0, t.Cases.Count)) && t.Cases.All(c => c.TaskId == t.Id)), Is.True);
    }

    [Test]
    public void Malformed_json_is_reported_with_its_line_number()
    {
        var text = string.Join('\n', GoodLine, "{\"id\": \"000002\", \"instruction\": ", GoodLine.Replace("000001", "000003", StringComparison.Ordinal));

        var ex = Assert.Throws<BenchDatasetException>(() => BenchDataset.Parse(text, "bad.jsonl"));

        Assert.That(ex!.Errors, Has.Count.EqualTo(1));
        Assert.That(ex.Errors[0].LineNumber, Is.EqualTo(2));
        Assert.That(ex.Errors[0].Message, Does.StartWith("not valid JSON"));
        Assert.That(ex.Message, Does.Contain("bad.jsonl").And.Contain("line 2"));
        Assert.That(ex.DatasetPath, Is.EqualTo("bad.jsonl"));
    }

    [Test]
    public void Missing_and_mistyped_fields_are_all_reported_with_line_and_field()
    {
        var noInstruction = GoodLine.Replace("\"instruction\": \"Build a todo list.\", ", "", StringComparison.Ordinal).Replace("000001", "000002", StringComparison.Ordinal);
        var noExpected = GoodLine.Replace(", \"expected_result\": \"It appears in the list.\"", "", StringComparison.Ordinal).Replace("000001", "000003", StringComparison.Ordinal);
        var numericCategory = GoodLine.Replace("\"primary_category\": \"User Interaction\"", "\"primary_category\": 7", StringComparison.Ordinal).Replace("000001", "000004", StringComparison.Ordinal);
        var casesNotAList = GoodLine[..GoodLine.IndexOf("\"ui_instruct\"", StringComparison.Ordinal)].TrimEnd(' ', ',') + ", \"ui_instruct\": \"click it\"}";
        casesNotAList = casesNotAList.Replace("000001", "000005", StringComparison.Ordinal);
        var text = string.Join('\n', GoodLine, noInstruction, "", noExpected, numericCategory, "[1, 2]", casesNotAList);

        var ex = Assert.Throws<BenchDatasetException>(() => BenchDataset.Parse(text));

        Assert.That(ex!.Errors.Select(e => (e.LineNumber, e.Field)), Is.EqualTo(new[]
        {
            (2, "instruction"),
            (4, "ui_instruct[0].expected_result"),
            (5, "Category.primary_category"),
            (6, ""),
            (7, "ui_instruct"),
        }));
        Assert.That(ex.Errors[0].Message, Is.EqualTo("is missing"));
        Assert.That(ex.Errors[2].Message, Is.EqualTo("must be a string, found a number"));
        Assert.That(ex.Errors[4].Message, Is.EqualTo("must be an array, found a string"));
        Assert.That(ex.Message, Does.Contain("line 4, field 'ui_instruct[0].expected_result': is missing"));
    }

    [Test]
    public void Duplicate_ids_name_the_first_line()
    {
        var ex = Assert.Throws<BenchDatasetException>(() => BenchDataset.Parse(GoodLine + "\n" + GoodLine));

        Assert.That(ex!.Errors.Single().ToString(), Is.EqualTo("line 2, field 'id': the id '000001' is already used on line 1"));
    }

    [Test]
    public void An_empty_dataset_is_an_error()
    {
        var ex = Assert.Throws<BenchDatasetException>(() => BenchDataset.Parse("\n\n"));

        Assert.That(ex!.Errors.Single().Message, Is.EqualTo("the dataset holds no task"));
    }

    [Test]
    public async Task A_missing_file_names_the_path()
    {
        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() => BenchDataset.LoadAsync("/nonexistent/webgen/test.jsonl"));

        Assert.That(ex!.Message, Does.Contain("/nonexistent/webgen/test.jsonl"));
    }

    [Test]
    public void Optional_fields_may_be_absent_and_blank_lines_are_skipped()
    {
        var minimal = """{"id": "a1", "instruction": "x", "Category": {"primary_category": "Other"}, "ui_instruct": [{"task": "t", "expected_result": "e", "task_category": {"primary_category": "Functional Testing"}}]}""";

        var dataset = BenchDataset.Parse("\n" + minimal + "\n\n");

        Assert.That(dataset.Tasks.Single().ApplicationType, Is.Empty);
        Assert.That(dataset.Tasks.Single().LineNumber, Is.EqualTo(2));
        Assert.That(dataset.Tasks.Single().Category.Subcategories, Is.Empty);
    }

    [Test]
    public void Ids_that_cannot_be_folder_names_are_rejected()
    {
        var ex = Assert.Throws<BenchDatasetException>(() => BenchDataset.Parse(GoodLine.Replace("000001", "../x", StringComparison.Ordinal)));

        Assert.That(ex!.Errors.Single().Field, Is.EqualTo("id"));
    }

    [Test]
    public void A_task_without_test_cases_loads_with_none_as_training_tasks_do()
    {
        var withoutCases = GoodLine[..GoodLine.IndexOf("\"ui_instruct\"", StringComparison.Ordinal)].TrimEnd(' ', ',');
        var text = string.Join(
            '\n',
            withoutCases + "}",
            withoutCases.Replace("000001", "000002", StringComparison.Ordinal) + ", \"ui_instruct\": []}",
            withoutCases.Replace("000001", "000003", StringComparison.Ordinal) + ", \"ui_instruct\": null}");

        var dataset = BenchDataset.Parse(text);

        Assert.That(dataset.Tasks.Select(t => t.Id), Is.EqualTo(new[] { "000001", "000002", "000003" }));
        Assert.That(dataset.Tasks.Select(t => t.Cases.Count), Is.All.Zero);
        Assert.That(dataset.CaseCount, Is.Zero);
        Assert.That(dataset.Tasks[0].Instruction, Is.EqualTo("Build a todo list."));
    }
}
