namespace WebGen.Packaging.Tests;

/// <summary>
/// Packs every shipped project once (eng/packages.slnf: the src/ libraries and the webgen tool) into a
/// temporary folder that the tests use as a NuGet feed.
/// </summary>
[SetUpFixture]
public sealed class PackageFeed
{
    private static PackResult? current;

    /// <summary>The packed feed; the pack ran in the fixture's one-time set-up.</summary>
    internal static PackResult Current => current ?? throw new InvalidOperationException("The package feed was not set up.");

    [OneTimeSetUp]
    public async Task PackAsync()
    {
        var repository = Repository.Locate();
        var scratch = Directory.CreateTempSubdirectory("webgen-packaging-");
        var feed = Path.Combine(scratch.FullName, "feed");
        var outcome = await Dotnet.RunAsync(repository.Root, TimeSpan.FromMinutes(30),
            "pack", Path.Combine("eng", "packages.slnf"), "-c", "Release", "-o", feed,
            "--disable-build-servers", "-nologo", "-tl:off", "-clp:NoSummary", "-v:minimal");
        current = new PackResult(repository, scratch.FullName, feed, outcome);
    }

    [OneTimeTearDown]
    public void Delete()
    {
        if (current is not null && Directory.Exists(current.Scratch))
        {
            Directory.Delete(current.Scratch, recursive: true);
        }
    }
}
