namespace WebGen.Bench.Tests.WebBench;

/// <summary>
/// The harness proves itself on the reference solutions of two real projects: their sites run in the isolated sandbox
/// (a plain DOM page served by <c>serve</c>, a Vite + Svelte app), their own specs run with @playwright/test from npm
/// against Debian's Chromium, and nearly every case passes.
/// </summary>
public sealed class WebBenchReferenceTests
{
    [Test]
    public async Task Reference_solutions_pass_their_own_tests_in_the_isolated_sandbox()
    {
        using var temp = new TempDirectory();
        await using var sandbox = WebBenchData.Sandbox();
        var harness = new WebBenchHarness(sandbox, WebBenchData.Options());
        var projects = await WebBenchData.Open().LoadProjectsAsync(["dom", "svelte"]);

        var summary = await harness.RunAsync(new WebBenchRunRequest { Projects = projects, OutputDirectory = temp.Path, Mode = WebBenchRunMode.Reference, Name = "reference" });

        TestContext.Out.WriteLine(WebBenchMarkdown.Render(summary));
        Assert.That(summary.Pending, Is.Empty);
        foreach (var project in summary.Projects)
        {
            Assert.That(project.Problem, Is.Null);
            Assert.That(project.Final!.Site.Started, Is.True, project.Final.Site.Excerpt);
            Assert.That(project.Final.Site.Containment, Is.EqualTo(SandboxContainment.OperatingSystem), "the site ran inside the OS boundary");
            Assert.That(project.Score.Cases, Is.EqualTo(project.Project == "dom" ? 92 : 59), "every case of every spec is counted");
            Assert.That(project.Score.CasePassRate, Is.GreaterThanOrEqualTo(95), string.Join("\n", project.Cases.Where(c => !c.Passed).Select(c => $"{c.File}:{c.Line} {c.Title}: {c.Error}")));
        }

        Assert.That(summary.ClosingLine, Does.Match(@"^cases passed: \d+\.\d% \(\d+ of 151\)$"));
        Assert.That(File.ReadAllText(temp.Combine("summary.md")), Does.EndWith(summary.ClosingLine + "\n"));
        Assert.That(File.ReadAllText(temp.Combine("report.html")), Does.Contain(summary.ClosingLine).And.Contain("id=\"project-svelte\""));
    }
}
