using System.IO.Compression;
using System.Xml.Linq;

namespace WebGen.Packaging.Tests;

/// <summary>A .nupkg or .snupkg opened for reading: its entries and its nuspec.</summary>
internal sealed class PackageFile : IDisposable
{
    private readonly ZipArchive archive;

    public PackageFile(string path)
    {
        Assert.That(path, Does.Exist, "the package was not produced");
        archive = ZipFile.OpenRead(path);
        Entries = [.. archive.Entries.Select(e => e.FullName)];
        var nuspec = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using var stream = nuspec.Open();
        Nuspec = XDocument.Load(stream);
    }

    public IReadOnlyList<string> Entries { get; }

    public XDocument Nuspec { get; }

    /// <summary>The text of the first nuspec metadata element named <paramref name="name"/>, or null.</summary>
    public string? Metadata(string name) => MetadataElement(name)?.Value;

    public XElement? MetadataElement(string name) =>
        Nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata").Elements().FirstOrDefault(e => e.Name.LocalName == name);

    public IEnumerable<XElement> Descendants(string localName) => Nuspec.Descendants().Where(e => e.Name.LocalName == localName);

    public byte[] ReadBytes(string entry)
    {
        using var stream = archive.GetEntry(entry)?.Open() ?? throw new AssertionException($"The package has no '{entry}'. Entries: {string.Join(", ", Entries)}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public string ReadText(string entry) => System.Text.Encoding.UTF8.GetString(ReadBytes(entry)).TrimStart('\uFEFF');

    public void Dispose() => archive.Dispose();
}
