using System.Globalization;

namespace WebGen.Bench;

/// <summary>
/// The evaluator's resumable results directory. Every record is written atomically: cases and the appearance
/// grade are written into a temporary folder renamed into place when complete, <c>site.json</c> is written last
/// (temp file + rename). A killed evaluation therefore leaves whole records or none, and a rerun skips them.
/// </summary>
/// <remarks>
/// Layout under <c>results/&lt;task&gt;/</c>: <c>case-NN/case.json</c> (+ <c>gui-NN.png</c>), <c>appearance/appearance.json</c>
/// (+ <c>shot-N.png</c>), <c>failures.json</c> (the last run's unfinished work, removed when the site completes), <c>site.json</c>.
/// </remarks>
internal sealed class BenchResultStore
{
    public const string ResultsFolder = "results";
    private const string TempMarker = ".tmp-";

    private readonly ISecretRedactor? _redactor;

    public BenchResultStore(string outputDirectory, ISecretRedactor? redactor = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        Root = Path.GetFullPath(outputDirectory);
        _redactor = redactor;
    }

    public string Root { get; }

    public string ResultsPath => Path.Combine(Root, ResultsFolder);

    public string TaskPath(string taskId) => Path.Combine(ResultsPath, taskId);

    public static string CaseFolder(int index) => "case-" + index.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>Removes temporary leftovers of a killed run; they never counted as results.</summary>
    public void RemoveLeftovers()
    {
        if (!Directory.Exists(ResultsPath))
        {
            return;
        }

        foreach (var dir in Directory.EnumerateDirectories(ResultsPath, "*", SearchOption.AllDirectories).Where(d => Path.GetFileName(d).Contains(TempMarker, StringComparison.Ordinal)).ToList())
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        foreach (var file in Directory.EnumerateFiles(ResultsPath, "*" + TempMarker + "*", SearchOption.AllDirectories).ToList())
        {
            File.Delete(file);
        }
    }

    public async Task WriteCaseAsync(BenchCaseResult result, CancellationToken cancellationToken)
    {
        var stored = Redact(result with { Trajectory = [.. result.Trajectory.Select(s => s with { ScreenshotAfter = ReadOnlyMemory<byte>.Empty })] });
        await WriteFolderAsync(
            Path.Combine(TaskPath(result.TaskId), CaseFolder(result.CaseIndex)),
            async temp =>
            {
                foreach (var step in result.Trajectory.Where(s => !s.ScreenshotAfter.IsEmpty))
                {
                    await File.WriteAllBytesAsync(Path.Combine(temp, GuiScreenshotName(step.Index)), step.ScreenshotAfter.ToArray(), cancellationToken).ConfigureAwait(false);
                }

                await BenchJson.WriteAsync(Path.Combine(temp, "case.json"), stored, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    public async Task WriteAppearanceAsync(string taskId, AppearanceGrade grade, CancellationToken cancellationToken)
    {
        await WriteFolderAsync(
            Path.Combine(TaskPath(taskId), "appearance"),
            async temp =>
            {
                for (var i = 0; i < grade.Screenshots.Count; i++)
                {
                    await File.WriteAllBytesAsync(Path.Combine(temp, ShotName(i)), grade.Screenshots[i].ToArray(), cancellationToken).ConfigureAwait(false);
                }

                await BenchJson.WriteAsync(Path.Combine(temp, "appearance.json"), Redact(new StoredAppearance { Grade = grade with { Screenshots = [] }, ScreenshotCount = grade.Screenshots.Count }), cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    public Task WriteSiteAsync(BenchSiteResult site, CancellationToken cancellationToken)
        => BenchJson.WriteAsync(Path.Combine(TaskPath(site.TaskId), "site.json"), Redact(site), cancellationToken);

    public Task WriteFailuresAsync(string taskId, IReadOnlyList<BenchTaskFailure> failures, CancellationToken cancellationToken)
        => BenchJson.WriteAsync(Path.Combine(TaskPath(taskId), "failures.json"), Redact(failures), cancellationToken);

    /// <summary>The record as stored: every string with the secrets removed.</summary>
    public T Redact<T>(T value) => JsonRedaction.Redact(_redactor, value, BenchJson.Options);

    public void DeleteFailures(string taskId) => File.Delete(Path.Combine(TaskPath(taskId), "failures.json"));

    /// <summary>Reads every finished record.</summary>
    public async Task<BenchResults> LoadAsync(bool includeTrajectoryScreenshots, CancellationToken cancellationToken)
    {
        var tasks = new Dictionary<string, BenchResults.TaskRecords>(StringComparer.Ordinal);
        if (Directory.Exists(ResultsPath))
        {
            foreach (var dir in Directory.EnumerateDirectories(ResultsPath))
            {
                var taskId = Path.GetFileName(dir);
                if (taskId.Contains(TempMarker, StringComparison.Ordinal))
                {
                    continue;
                }

                tasks[taskId] = await LoadTaskAsync(dir, includeTrajectoryScreenshots, cancellationToken).ConfigureAwait(false);
            }
        }

        return new BenchResults(Root, tasks);
    }

    private static async Task<BenchResults.TaskRecords> LoadTaskAsync(string dir, bool includeTrajectoryScreenshots, CancellationToken cancellationToken)
    {
        var cases = new List<BenchCaseResult>();
        foreach (var caseDir in Directory.EnumerateDirectories(dir, "case-*"))
        {
            var name = Path.GetFileName(caseDir);
            if (name.Contains(TempMarker, StringComparison.Ordinal))
            {
                continue;
            }

            var result = await BenchJson.ReadAsync<BenchCaseResult>(Path.Combine(caseDir, "case.json"), cancellationToken).ConfigureAwait(false);
            if (result is null)
            {
                continue;
            }

            if (includeTrajectoryScreenshots)
            {
                var steps = new List<GuiTrajectoryStep>();
                foreach (var step in result.Trajectory)
                {
                    var png = Path.Combine(caseDir, GuiScreenshotName(step.Index));
                    steps.Add(File.Exists(png) ? step with { ScreenshotAfter = await File.ReadAllBytesAsync(png, cancellationToken).ConfigureAwait(false) } : step);
                }

                result = result with { Trajectory = steps };
            }

            cases.Add(result);
        }

        cases.Sort((a, b) => a.CaseIndex.CompareTo(b.CaseIndex));

        AppearanceGrade? appearance = null;
        var appearanceDir = Path.Combine(dir, "appearance");
        if (await BenchJson.ReadAsync<StoredAppearance>(Path.Combine(appearanceDir, "appearance.json"), cancellationToken).ConfigureAwait(false) is { } stored)
        {
            var shots = new List<ReadOnlyMemory<byte>>();
            for (var i = 0; i < stored.ScreenshotCount; i++)
            {
                var path = Path.Combine(appearanceDir, ShotName(i));
                if (File.Exists(path))
                {
                    shots.Add(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));
                }
            }

            appearance = stored.Grade with { Screenshots = shots };
        }

        var site = await BenchJson.ReadAsync<BenchSiteResult>(Path.Combine(dir, "site.json"), cancellationToken).ConfigureAwait(false);
        var failures = await BenchJson.ReadAsync<List<BenchTaskFailure>>(Path.Combine(dir, "failures.json"), cancellationToken).ConfigureAwait(false);
        return new BenchResults.TaskRecords(site, cases, appearance, failures ?? []);
    }

    private static async Task WriteFolderAsync(string final, Func<string, Task> fill)
    {
        var temp = BenchJson.TempName(final);
        Directory.CreateDirectory(temp);
        try
        {
            await fill(temp).ConfigureAwait(false);
            if (Directory.Exists(final))
            {
                Directory.Delete(final, recursive: true);
            }

            Directory.Move(temp, final);
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    private static string GuiScreenshotName(int index) => "gui-" + index.ToString("D2", CultureInfo.InvariantCulture) + ".png";

    private static string ShotName(int index) => "shot-" + (index + 1).ToString(CultureInfo.InvariantCulture) + ".png";

    private sealed record class StoredAppearance
    {
        public required AppearanceGrade Grade { get; init; }

        public int ScreenshotCount { get; init; }
    }
}
