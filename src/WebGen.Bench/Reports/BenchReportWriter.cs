using System.Text.Json;

namespace WebGen.Bench;

/// <summary>Writes a benchmark's report files into its output directory, each atomically.</summary>
public static class BenchReportWriter
{
    /// <summary>The scores as JSON.</summary>
    public const string SummaryJson = "summary.json";

    /// <summary>The scores as Markdown (the paper-shaped table first).</summary>
    public const string SummaryMarkdown = "summary.md";

    /// <summary>The self-contained HTML report.</summary>
    public const string HtmlReport = "report.html";

    /// <summary>Writes <c>summary.json</c>, <c>summary.md</c> and <c>report.html</c>.</summary>
    /// <param name="outputDirectory">The output directory.</param>
    /// <param name="summary">The scores.</param>
    /// <param name="tasks">The selected tasks.</param>
    /// <param name="results">The records the scores were computed from.</param>
    /// <param name="embedScreenshots">Embed appearance screenshots in the HTML report.</param>
    /// <param name="cancellationToken">Cancels writing.</param>
    public static async Task WriteAsync(string outputDirectory, BenchSummary summary, IReadOnlyList<BenchTask> tasks, BenchResults results, bool embedScreenshots = true, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        ArgumentNullException.ThrowIfNull(summary);
        Directory.CreateDirectory(outputDirectory);
        await BenchJson.WriteAsync(Path.Combine(outputDirectory, SummaryJson), summary, cancellationToken).ConfigureAwait(false);
        await BenchJson.WriteTextAsync(Path.Combine(outputDirectory, SummaryMarkdown), BenchMarkdownTable.RenderReport(summary), cancellationToken).ConfigureAwait(false);
        await BenchJson.WriteTextAsync(Path.Combine(outputDirectory, HtmlReport), BenchHtmlReport.Render(summary, tasks, results, embedScreenshots), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a <c>summary.json</c> written earlier.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async Task<BenchSummary> ReadSummaryAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"'{path}' does not exist; run the evaluation first.", path);
        }

        return await BenchJson.ReadAsync<BenchSummary>(path, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException($"'{path}' is empty.");
    }
}
