using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace WebGen.Packaging.Tests;

public sealed partial class PackageContentsTests
{
    private const string ToolId = "WebGen.Cli";
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");
    private static readonly Guid EmbeddedSourceKind = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    private static PackResult Feed => PackageFeed.Current;

    private static IEnumerable<string> Libraries() => Repository.Locate().LibraryProjects;

    [Test]
    public void Every_library_under_src_and_the_webgen_tool_pack_without_warnings()
    {
        Assert.That(Feed.Pack.ExitCode, Is.Zero, Feed.Pack.Output);
        var warnings = Feed.Pack.Output.Split('\n').Where(l => l.Contains(": warning ", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.That(warnings, Is.Empty, "dotnet pack printed warnings");

        var produced = Directory.GetFiles(Feed.Feed, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var expected = Libraries().Append(ToolId).Select(id => $"{id}.{Feed.Repository.Version}.nupkg").Order(StringComparer.Ordinal).ToList();
        Assert.That(produced, Is.EqualTo(expected), "one package per src/ project plus the webgen tool (a new src/ project must be added to eng/packages.slnf)");
    }

    [TestCaseSource(nameof(Libraries))]
    public void Library_package_has_its_id_version_readme_licence_repository_and_xml_docs(string id)
    {
        using var package = new PackageFile(Feed.PackagePath(id));
        var repository = Feed.Repository;

        Assert.Multiple(() =>
        {
            Assert.That(package.Metadata("id"), Is.EqualTo(id));
            Assert.That(package.Metadata("version"), Is.EqualTo(repository.Version));
            Assert.That(package.Metadata("description"), Has.Length.GreaterThan(40), "a description that says what the package holds");
            Assert.That(package.Metadata("authors"), Is.Not.Empty);
            Assert.That(package.MetadataElement("license")?.Attribute("type")?.Value, Is.EqualTo("expression"));
            Assert.That(package.Metadata("license"), Is.EqualTo(repository.LicenseExpression));
            Assert.That(package.Metadata("projectUrl"), Is.EqualTo(repository.RepositoryUrl));

            var repo = package.MetadataElement("repository");
            Assert.That(repo?.Attribute("type")?.Value, Is.EqualTo("git"));
            Assert.That(repo?.Attribute("url")?.Value, Is.EqualTo(repository.RepositoryUrl));
            Assert.That(repo?.Attribute("commit")?.Value, Does.Match("^[0-9a-f]{40}$"), "the commit the package was built from");

            Assert.That(package.Metadata("readme"), Is.EqualTo("README.md"));
            Assert.That(package.ReadText("README.md"), Is.EqualTo(File.ReadAllText(Path.Combine(repository.Root, "src", id, "README.md")).TrimStart('\uFEFF')));

            Assert.That(package.Entries, Does.Contain($"lib/net10.0/{id}.dll"));
            Assert.That(DocumentedMembers(package.ReadText($"lib/net10.0/{id}.xml")), Is.GreaterThan(0), "XML documentation");
            Assert.That(package.Entries, Has.None.EndsWith(".pdb"), "symbols belong in the .snupkg");
            Assert.That(package.Entries, Has.None.Contains("PublicAPI."), "API baselines are build inputs, not content");
            Assert.That(package.Entries, Has.None.Contains("node_modules"));
        });

        var ownDependencies = package.Descendants("dependency").Where(d => d.Attribute("id")!.Value.StartsWith("WebGen.", StringComparison.Ordinal)).ToList();
        Assert.That(ownDependencies.Select(d => d.Attribute("version")!.Value), Has.All.EqualTo(repository.Version), "WebGen packages depend on the same version of each other");
    }

    [TestCaseSource(nameof(Libraries))]
    public void Symbol_package_has_a_portable_pdb_whose_source_link_points_at_the_packed_commit(string id)
    {
        string commit;
        using (var package = new PackageFile(Feed.PackagePath(id)))
        {
            commit = package.MetadataElement("repository")!.Attribute("commit")!.Value;
        }

        using var symbols = new PackageFile(Feed.SymbolPackagePath(id));
        var pdb = symbols.ReadBytes($"lib/net10.0/{id}.pdb");
        using var provider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(pdb));
        var reader = provider.GetMetadataReader();

        var sourceLink = reader.GetCustomDebugInformation(EntityHandle.ModuleDefinition)
            .Select(reader.GetCustomDebugInformation)
            .Where(info => reader.GetGuid(info.Kind) == SourceLinkKind)
            .Select(info => Encoding.UTF8.GetString(reader.GetBlobBytes(info.Value)))
            .SingleOrDefault();
        Assert.That(sourceLink, Is.Not.Null, "the PDB carries a SourceLink map");

        var mappings = JsonDocument.Parse(sourceLink!).RootElement.GetProperty("documents").EnumerateObject()
            .Select(p => (Local: p.Name.TrimEnd('*'), Url: p.Value.GetString()!)).ToList();
        Assert.That(mappings, Is.Not.Empty);
        Assert.That(mappings.Select(m => m.Url), Has.All.StartsWith("https://raw.githubusercontent.com/").And.All.Contains($"/{commit}/"));

        // Every source file is either reachable through SourceLink or embedded in the PDB (generated files).
        var unreachable = reader.Documents
            .Where(handle => !reader.GetCustomDebugInformation(handle).Select(reader.GetCustomDebugInformation).Any(info => reader.GetGuid(info.Kind) == EmbeddedSourceKind))
            .Select(handle => reader.GetString(reader.GetDocument(handle).Name))
            .Where(path => !mappings.Any(m => path.StartsWith(m.Local, StringComparison.Ordinal)))
            .ToList();
        Assert.That(unreachable, Is.Empty, "documents neither mapped by SourceLink nor embedded");
    }

    [Test]
    public void Playwright_package_embeds_axe_core_and_ships_its_notice()
    {
        using var package = new PackageFile(Feed.PackagePath("WebGen.Playwright"));

        using var pe = new PEReader(new MemoryStream(package.ReadBytes("lib/net10.0/WebGen.Playwright.dll")));
        var metadata = pe.GetMetadataReader();
        var resources = metadata.ManifestResources.Select(h => metadata.GetString(metadata.GetManifestResource(h).Name)).ToList();

        Assert.That(resources, Does.Contain("WebGen.Playwright.axe.min.js"));
        Assert.That(package.ReadText("THIRD-PARTY-NOTICES.md"), Does.Contain("axe-core"));
    }

    [Test]
    public void Bench_package_embeds_the_webgen_bench_test_set_and_ships_its_notice()
    {
        using var package = new PackageFile(Feed.PackagePath("WebGen.Bench"));

        using var pe = new PEReader(new MemoryStream(package.ReadBytes("lib/net10.0/WebGen.Bench.dll")));
        var metadata = pe.GetMetadataReader();
        var resources = metadata.ManifestResources.Select(h => metadata.GetString(metadata.GetManifestResource(h).Name)).ToList();

        Assert.That(resources, Does.Contain("WebGen.Bench.Dataset.webgen-bench-test.jsonl"));
        Assert.That(package.ReadText("THIRD-PARTY-NOTICES.md"), Does.Contain("WebGen-Bench test set").And.Contain("MIT License").And.Contain("Permission is hereby granted"));
    }

    [Test]
    public void Webgen_tool_package_is_a_dotnet_tool_with_the_webgen_command()
    {
        using var package = new PackageFile(Feed.PackagePath(ToolId));

        Assert.That(package.Descendants("packageType").Select(e => e.Attribute("name")?.Value), Does.Contain("DotnetTool"));
        Assert.That(package.ReadText("tools/net10.0/any/DotnetToolSettings.xml"), Does.Contain("Name=\"webgen\""));
        Assert.That(package.Metadata("readme"), Is.EqualTo("README.md"));
        Assert.That(package.ReadText("README.md"), Does.Contain("dotnet tool install"));
        Assert.That(package.Metadata("license"), Is.EqualTo(Feed.Repository.LicenseExpression));
        Assert.That(package.MetadataElement("repository")?.Attribute("commit")?.Value, Does.Match("^[0-9a-f]{40}$"));
    }

    private static int DocumentedMembers(string xml) => MemberElement().Count(xml);

    [GeneratedRegex("<member name=\"[TMPFE]:")]
    private static partial Regex MemberElement();
}
