namespace WebGen.Packaging.Tests;

/// <summary>What the one-time pack produced: the feed folder, the pack's output, and scratch space beside it.</summary>
internal sealed record PackResult(Repository Repository, string Scratch, string Feed, ProcessOutcome Pack)
{
    public string PackagePath(string id) => Path.Combine(Feed, $"{id}.{Repository.Version}.nupkg");

    public string SymbolPackagePath(string id) => Path.Combine(Feed, $"{id}.{Repository.Version}.snupkg");

    /// <summary>A new empty folder under the scratch space.</summary>
    public string NewFolder(string name)
    {
        var path = Path.Combine(Scratch, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }
}
