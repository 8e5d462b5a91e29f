namespace WebGen.Bench.Tests;

/// <summary>Locates the shared WebGen-Bench test set and makes scratch directories.</summary>
internal static class TestData
{
    private static readonly Lazy<string> DatasetFile = new(Locate);

    /// <summary>
    /// <c>../shared/data/webgen-bench/test.jsonl</c> beside the repository (the folder holding WebGen.Core.sln);
    /// a git worktree nested deeper finds it beside an enclosing folder.
    /// </summary>
    public static string DatasetPath => DatasetFile.Value;

    public static Task<BenchDataset> LoadDatasetAsync() => BenchDataset.LoadAsync(DatasetPath);

    private static string Locate()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WebGen.Core.sln")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new InvalidOperationException("WebGen.Core.sln was not found above the test directory.");
        }

        for (var parent = dir.Parent; parent is not null; parent = parent.Parent)
        {
            var candidate = Path.Combine(parent.FullName, "shared", "data", "webgen-bench", "test.jsonl");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"../shared/data/webgen-bench/test.jsonl was not found beside '{dir.FullName}'.");
    }
}
