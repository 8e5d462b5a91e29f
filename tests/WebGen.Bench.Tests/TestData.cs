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

    private static string Locate() =>
        BenchDataset.FindDefaultPath(TestContext.CurrentContext.TestDirectory)
        ?? throw new InvalidOperationException($"../shared/data/webgen-bench/test.jsonl was not found above '{TestContext.CurrentContext.TestDirectory}'.");
}
