namespace WebGen.Bench.Tests;

/// <summary>The WebGen-Bench test set the tests run on: the one built into WebGen.Bench, so no file outside the repository is needed.</summary>
internal static class TestData
{
    public static Task<BenchDataset> LoadDatasetAsync() => BenchDataset.LoadDefaultAsync();
}
