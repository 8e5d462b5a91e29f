namespace WebGen.Bench.Tests.WebBench;

/// <summary>
/// The harness proves itself on the reference solutions of two real projects: their sites run in the isolated sandbox
/// (a plain DOM page served by <c>serve</c>, a Vite + Svelte app), their own specs run with @playwright/test from npm
/// against Debian's Chromium, and nearly every case passes.
/// </summary>
public sealed class WebBenchReferenceTests
{
    [Test]
    public async Task The_dom_reference_solution_passes_its_own_tests_in_the_isolated_sandbox()
    {
        using var temp = new TempDirectory();
        await using var sandbox = WebBenchData.Sandbox();
        var harness = new WebBenchHarness(sandbox, WebBenchData.Options());
        var projects = await WebBenchData.Open().LoadProjectsAsync(["dom"]);

        var summary = await harness.RunAsync(new WebBenchRunRequest { Projects = projects, OutputDirectory = temp.Path, Mode = WebBenchRunMode.Reference, Name = "reference" });

        TestContext.Out.WriteLine(WebBenchMarkdown.Render(summary));
        var dom = summary.Projects.Single();
        Assert.That(dom.Problem, Is.Null);
        Assert.That(dom.Final!.Site.Started, Is.True, dom.Final.Site.Excerpt);
        Assert.That(dom.Final.Site.Containment, Is.EqualTo(SandboxContainment.OperatingSystem), "the site ran inside the OS boundary");
        Assert.That(dom.Score.Cases, Is.EqualTo(92), "every case of every spec is counted");
        Assert.That(dom.Score.CasePassRate, Is.GreaterThanOrEqualTo(95), string.Join("\n", dom.Cases.Where(c => !c.Passed).Select(c => $"{c.File}:{c.Line} {c.Title}: {c.Error}")));
        Assert.That(summary.ClosingLine, Does.Match(@"^cases passed: \d+\.\d% \(\d+ of 92\)$"));
        Assert.That(File.ReadAllText(temp.Combine("summary.md")), Does.EndWith(summary.ClosingLine + "\n"));
        Assert.That(File.ReadAllText(temp.Combine("report.html")), Does.Contain(summary.ClosingLine).And.Contain("id=\"project-dom\""));
        Assert.That(Directory.Exists(temp.Combine("projects", "dom", "workspace")), Is.False, "a finished project's workspace is removed");
    }

    [Test]
    public async Task The_svelte_reference_solution_is_served_by_vite_in_the_sandbox_and_passes_the_first_tasks()
    {
        using var temp = new TempDirectory();
        await using var sandbox = WebBenchData.Sandbox();
        var harness = new WebBenchHarness(sandbox, WebBenchData.Options());
        var svelte = await WebBenchData.Open().LoadProjectAsync("svelte");

        var evaluation = await harness.EvaluateAsync(new WebBenchEvaluationRequest
        {
            Project = svelte,
            WorkspaceDirectory = temp.Combine("workspace"),
            SourceDirectory = svelte.SolutionDirectory,
            ThroughTask = 5,
            ArtifactsDirectory = temp.Combine("artifacts"),
        });

        Assert.That(evaluation.Site.Started, Is.True, evaluation.Site.Excerpt);
        Assert.That(evaluation.Site.Containment, Is.EqualTo(SandboxContainment.OperatingSystem));
        Assert.That(File.ReadAllText(temp.Combine("workspace", "package.json")), Does.Contain("\"dev\": \"vite --port $PORT\""), "the project's own webServer command, on the sandbox's port");
        Assert.That(evaluation.Cases.Select(c => c.Task).Distinct(), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
        Assert.That(evaluation.Cases, Has.Count.EqualTo(12));
        Assert.That(evaluation.Passed, Is.True, string.Join("\n", evaluation.Cases.Where(c => !c.Passed).Select(c => $"{c.File}:{c.Line} {c.Title}: {c.Error}")));
    }
}
