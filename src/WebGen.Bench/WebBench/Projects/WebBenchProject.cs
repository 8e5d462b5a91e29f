namespace WebGen.Bench;

/// <summary>
/// A Web-Bench project: 20 sequential tasks, the starting files (<c>src-init/</c>), the reference solution after the
/// last task (<c>src/</c>), one Playwright spec per task (<c>test/task-N.spec.js</c>, plus <c>test/init.spec.js</c> for the
/// starting files), and the project's own <c>package.json</c> and <c>playwright.config.js</c>.
/// </summary>
public sealed record class WebBenchProject
{
    /// <summary>The project's folder name (<c>react</c>, <c>dom</c>, …).</summary>
    public required string Name { get; init; }

    /// <summary>Absolute path of the project folder.</summary>
    public required string Directory { get; init; }

    /// <summary>The tasks in order (<c>task-1</c> first); <c>init</c> is not among them.</summary>
    public required IReadOnlyList<WebBenchTask> Tasks { get; init; }

    /// <summary>Spec files by task number (0 for <c>init.spec.js</c>), relative to <see cref="Directory"/>; a task may have none.</summary>
    public required IReadOnlyDictionary<int, string> Specs { get; init; }

    /// <summary>The workspace libraries the project's tests load (<c>@web-bench/test-util</c> …) with the folder each resolves to; null when the checkout lacks it.</summary>
    public required IReadOnlyDictionary<string, string?> Libraries { get; init; }

    /// <summary>The starting files (<c>src-init/</c>).</summary>
    public string InitialSourceDirectory => Path.Combine(Directory, "src-init");

    /// <summary>The reference solution after the last task (<c>src/</c>).</summary>
    public string SolutionDirectory => Path.Combine(Directory, "src");

    /// <summary>The spec files that evaluate the work through task <paramref name="throughTask"/>: <c>init</c> and tasks 1 … n, as the benchmark's <c>npm test -- n</c> runs them.</summary>
    /// <param name="throughTask">The last task whose spec runs; the number of tasks for all of them.</param>
    public IReadOnlyList<string> SpecsThrough(int throughTask)
        => [.. Specs.Where(s => s.Key <= throughTask).OrderBy(s => s.Key).Select(s => s.Value)];
}
