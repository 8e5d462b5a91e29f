namespace WebGen.Bench.Tests.WebBench;

/// <summary>Reading a Web-Bench checkout: tasks (JSON Lines or YAML), spec files, workspace libraries, clear errors.</summary>
public sealed class WebBenchProjectTests
{
    [Test]
    public async Task A_project_has_20_tasks_its_specs_by_task_and_its_libraries()
    {
        var repository = WebBenchData.Open();

        var dom = await repository.LoadProjectAsync("dom");

        Assert.That(repository.ProjectNames, Is.EqualTo(new[] { "dom", "svelte" }));
        Assert.That(dom.Tasks.Select(t => t.Number), Is.EqualTo(Enumerable.Range(1, 20)));
        Assert.That(dom.Tasks[0].Id, Is.EqualTo("task-1"));
        Assert.That(dom.Tasks[0].Description, Is.Not.Empty);
        Assert.That(dom.Specs[0], Is.EqualTo("test/init.spec.js"));
        Assert.That(dom.SpecsThrough(2), Is.EqualTo(new[] { "test/init.spec.js", "test/task-1.spec.js", "test/task-2.spec.js" }));
        Assert.That(dom.Libraries["@web-bench/test-util"], Is.EqualTo(Path.Combine(repository.Root, "libraries", "test-util")));
    }

    [Test]
    public async Task Tasks_in_yaml_are_read_like_json_lines_and_init_is_not_a_task()
    {
        using var temp = new TempDirectory();
        var project = temp.Combine("projects", "typed");
        Directory.CreateDirectory(Path.Combine(project, "test"));
        File.WriteAllText(Path.Combine(project, "package.json"), """{ "devDependencies": { "@web-bench/test-util": "workspace:*" } }""");
        File.WriteAllText(Path.Combine(project, "playwright.config.js"), "module.exports = {}");
        File.WriteAllText(Path.Combine(project, "test", "task-1.spec.js"), "");
        File.WriteAllText(Path.Combine(project, "tasks.yml"), """
            -
              id: init
              description: |
                Starting files.
            -
              id: task-2
              level: moderate
              description: |
                Second: add `b`.
            -
              id: task-1
              level: easy
              description: |
                First: add a.
            """);

        var loaded = await WebBenchRepository.Open(temp.Path).LoadProjectAsync("typed");

        Assert.That(loaded.Tasks.Select(t => (t.Id, t.Level, t.Description)), Is.EqualTo(new[] { ("task-1", (string?)"easy", "First: add a."), ("task-2", "moderate", "Second: add `b`.") }));
        Assert.That(loaded.Libraries["@web-bench/test-util"], Is.Null, "the checkout has no libraries/ folder");
    }

    [Test]
    public async Task Broken_checkouts_fail_with_a_message_naming_the_file()
    {
        using var temp = new TempDirectory();
        var project = temp.Combine("projects", "broken");
        Directory.CreateDirectory(Path.Combine(project, "test"));
        File.WriteAllText(Path.Combine(project, "tasks.jsonl"), "{\"id\":\"task-1\",\"description\":\"a\"}\n{\"id\":\"task-3\",\"description\":\"c\"}\n");
        var repository = WebBenchRepository.Open(temp.Path);

        Assert.That(() => WebBenchRepository.Open(temp.Combine("nowhere")), Throws.TypeOf<WebBenchProjectException>().With.Message.Contains("no projects/ folder"));
        Assert.That(async () => await repository.LoadProjectsAsync(["nope"]), Throws.TypeOf<WebBenchProjectException>().With.Message.Contains("'nope'").And.Message.Contains("broken"));
        Assert.That(async () => await repository.LoadProjectAsync("broken"), Throws.TypeOf<WebBenchProjectException>().With.Message.Contains("task-2 is missing"));
        File.WriteAllText(Path.Combine(project, "tasks.jsonl"), "{\"id\":\"task-1\"\n");
        Assert.That(async () => await repository.LoadProjectAsync("broken"), Throws.TypeOf<WebBenchProjectException>().With.Message.Contains("tasks.jsonl:1"));
    }
}
