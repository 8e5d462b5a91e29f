using WebGen.Sandbox.Install;

namespace WebGen.Sandbox.Tests.Install;

public sealed class ProjectManifestTests
{
    private string _workspace = "";

    [SetUp]
    public void CreateWorkspace() => _workspace = SandboxFixture.NewWorkspace("manifest");

    [Test]
    public void Dependency_fingerprint_ignores_formatting_key_order_and_scripts_but_not_versions()
    {
        var baseline = Fingerprint("""{ "scripts": { "dev": "vite" }, "dependencies": { "react": "19.3.1", "react-dom": "19.3.1" } }""");
        var reformatted = Fingerprint("""
            {
              "dependencies": { "react-dom": "19.3.1", "react": "19.3.1" },
              "scripts": { "dev": "vite --open", "lint": "eslint ." },
              "name": "renamed"
            }
            """);
        var upgraded = Fingerprint("""{ "scripts": { "dev": "vite" }, "dependencies": { "react": "19.3.2", "react-dom": "19.3.1" } }""");

        Assert.That(reformatted, Is.EqualTo(baseline));
        Assert.That(upgraded, Is.Not.EqualTo(baseline));
    }

    [Test]
    public void Dependency_fingerprint_follows_the_lockfile()
    {
        var before = Fingerprint("""{ "dependencies": { "react": "^19.0.0" } }""");
        TestSites.Write(_workspace, "package-lock.json", """{ "lockfileVersion": 3, "packages": { "node_modules/react": { "version": "19.3.1" } } }""");
        var after = Fingerprint("""{ "dependencies": { "react": "^19.0.0" } }""");

        Assert.That(after, Is.Not.EqualTo(before));
    }

    [Test]
    public void Server_fingerprint_changes_with_vite_config_but_not_with_source_files()
    {
        TestSites.Write(_workspace, "package.json", """{ "scripts": { "dev": "vite" } }""");
        TestSites.Write(_workspace, "vite.config.js", "export default {}");
        TestSites.Write(_workspace, "src/App.jsx", "export default () => 1");
        var manifest = ProjectManifest.TryRead(_workspace, out _)!;
        var baseline = Fingerprints.Server(_workspace, manifest, "deps", "dev");

        TestSites.Write(_workspace, "src/App.jsx", "export default () => 2");
        var afterEdit = Fingerprints.Server(_workspace, manifest, "deps", "dev");
        TestSites.Write(_workspace, "vite.config.js", "export default { base: '/x/' }");
        var afterConfig = Fingerprints.Server(_workspace, manifest, "deps", "dev");

        Assert.That(afterEdit, Is.EqualTo(baseline));
        Assert.That(afterConfig, Is.Not.EqualTo(baseline));
    }

    [TestCase("[1, 2]", "holds a array")]
    [TestCase("{ \"scripts\": \"vite\" }", "\"scripts\" must be an object")]
    [TestCase("{ \"name\": \"x\", }", "not valid JSON (line 1")]
    [TestCase("", "not valid JSON")]
    public void Unusable_manifests_are_described_for_the_model(string content, string expected)
    {
        TestSites.Write(_workspace, "package.json", content);

        var manifest = ProjectManifest.TryRead(_workspace, out var problem);

        Assert.That(manifest, Is.Null);
        Assert.That(problem, Does.Contain(expected));
    }

    private string Fingerprint(string packageJson)
    {
        TestSites.Write(_workspace, "package.json", packageJson);
        return Fingerprints.Dependencies(_workspace, ProjectManifest.TryRead(_workspace, out _)!, allowInstallScripts: false);
    }
}
