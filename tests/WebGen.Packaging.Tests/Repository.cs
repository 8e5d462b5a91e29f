using System.Xml.Linq;

namespace WebGen.Packaging.Tests;

/// <summary>The repository these tests run from, and the settings its build files declare.</summary>
internal sealed class Repository
{
    private Repository(string root)
    {
        Root = root;
        var props = XDocument.Load(Path.Combine(root, "Directory.Build.props"));
        Version = Property(props, "Version");
        RepositoryUrl = Property(props, "RepositoryUrl");
        LicenseExpression = Property(props, "PackageLicenseExpression");
        var packages = XDocument.Load(Path.Combine(root, "Directory.Packages.props"));
        PinnedVersions = packages.Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);
    }

    public string Root { get; }

    public string Version { get; }

    public string RepositoryUrl { get; }

    public string LicenseExpression { get; }

    public IReadOnlyDictionary<string, string> PinnedVersions { get; }

    /// <summary>The library projects under src/, by name; each must ship as a package of that id.</summary>
    public IReadOnlyList<string> LibraryProjects =>
        [.. Directory.GetDirectories(Path.Combine(Root, "src"))
            .Where(d => File.Exists(Path.Combine(d, Path.GetFileName(d) + ".csproj")))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)!];

    public static Repository Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WebGen.Core.sln")))
            {
                return new Repository(dir.FullName);
            }
        }

        throw new InvalidOperationException("WebGen.Core.sln was not found above " + AppContext.BaseDirectory);
    }

    private static string Property(XDocument document, string name) =>
        document.Descendants(name).Select(e => e.Value.Trim()).FirstOrDefault(v => v.Length > 0)
        ?? throw new InvalidOperationException($"Directory.Build.props declares no {name}.");
}
