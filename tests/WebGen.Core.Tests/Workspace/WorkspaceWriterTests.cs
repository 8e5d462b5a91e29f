namespace WebGen.Core.Tests.Workspace;

public sealed class WorkspaceWriterTests
{
    private TempDirectory _temp = null!;
    private string _workspace = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _workspace = _temp.Combine("ws");
        Directory.CreateDirectory(_workspace);
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private static FileAction File(string path, string content = "x\n") => new() { FilePath = path, Content = content };

    [Test]
    public async Task Writes_relative_paths_creating_directories()
    {
        var report = await new WorkspaceWriter().ApplyAsync(_workspace, [File("src/components/Button.jsx", "btn\n"), File("./index.html", "<html></html>\n"), File("src\\styles\\app.css", "body{}\n")]);

        Assert.That(report.Written, Is.EqualTo(new[] { "src/components/Button.jsx", "index.html", "src/styles/app.css" }));
        Assert.That(report.Rejected, Is.Empty);
        Assert.That(await System.IO.File.ReadAllTextAsync(Path.Combine(_workspace, "src", "components", "Button.jsx")), Is.EqualTo("btn\n"));
        Assert.That(System.IO.File.Exists(Path.Combine(_workspace, "src", "styles", "app.css")), Is.True);
    }

    [TestCase("/etc/passwd", "absolute")]
    [TestCase("~/.bashrc", "absolute")]
    [TestCase("C:\\Windows\\win.ini", "absolute")]
    [TestCase("../outside.txt", "'..'")]
    [TestCase("src/../../outside.txt", "'..'")]
    [TestCase("node_modules/react/index.js", "node_modules")]
    [TestCase("src/node_modules/x.js", "node_modules")]
    [TestCase(".git/hooks/pre-commit", ".git")]
    [TestCase("src/CON", "device")]
    [TestCase("nul.txt", "device")]
    [TestCase("COM1.js", "device")]
    [TestCase("src/a\0b.js", "NUL")]
    [TestCase("src/a\nb.js", "control")]
    [TestCase("", "empty")]
    [TestCase("./", "names no file")]
    public async Task Refuses_escapes_and_reports_why(string path, string reasonFragment)
    {
        var report = await new WorkspaceWriter().ApplyAsync(_workspace, [File(path)]);

        Assert.That(report.Written, Is.Empty);
        Assert.That(report.Rejected.Single().Path, Is.EqualTo(path));
        Assert.That(report.Rejected.Single().Reason, Does.Contain(reasonFragment));
        Assert.That(Directory.EnumerateFileSystemEntries(_temp.Path, "*", SearchOption.AllDirectories).Where(p => !p.StartsWith(_workspace, StringComparison.Ordinal)), Is.Empty, "nothing may appear outside the workspace");
    }

    [Test]
    public async Task Refuses_to_write_through_a_symlinked_directory_pointing_outside()
    {
        var outside = _temp.Combine("outside");
        Directory.CreateDirectory(outside);
        Directory.CreateSymbolicLink(Path.Combine(_workspace, "link"), outside);

        var report = await new WorkspaceWriter().ApplyAsync(_workspace, [File("link/evil.js")]);

        Assert.That(report.Rejected.Single().Reason, Does.Contain("symbolic link"));
        Assert.That(Directory.EnumerateFiles(outside), Is.Empty);
    }

    [Test]
    public async Task Refuses_to_overwrite_a_symlinked_file()
    {
        var target = _temp.Combine("secret.txt");
        await System.IO.File.WriteAllTextAsync(target, "secret");
        System.IO.File.CreateSymbolicLink(Path.Combine(_workspace, "notes.txt"), target);

        var report = await new WorkspaceWriter().ApplyAsync(_workspace, [File("notes.txt", "overwritten")]);

        Assert.That(report.Rejected.Single().Reason, Does.Contain("symbolic link"));
        Assert.That(await System.IO.File.ReadAllTextAsync(target), Is.EqualTo("secret"));
    }

    [Test]
    public async Task Caps_file_size_and_file_count_per_step()
    {
        var writer = new WorkspaceWriter(new WorkspaceOptions { MaxFileBytes = 10, MaxFilesPerStep = 2 });

        var report = await writer.ApplyAsync(_workspace, [File("big.txt", new string('a', 11)), File("a.txt"), File("b.txt"), File("c.txt")]);

        Assert.That(report.Written, Is.EqualTo(new[] { "a.txt", "b.txt" }));
        Assert.That(report.Rejected.Select(r => r.Path), Is.EqualTo(new[] { "big.txt", "c.txt" }));
        Assert.That(report.Rejected[0].Reason, Does.Contain("over the 10-byte limit"));
        Assert.That(report.Rejected[1].Reason, Does.Contain("more than 2 files"));
    }

    [Test]
    public async Task Refuses_truncated_file_actions()
    {
        var report = await new WorkspaceWriter().ApplyAsync(_workspace, [new FileAction { FilePath = "a.js", Content = "const a =", IsTruncated = true }]);

        Assert.That(report.Rejected.Single().Reason, Does.Contain("cut off"));
        Assert.That(System.IO.File.Exists(Path.Combine(_workspace, "a.js")), Is.False);
    }

    [Test]
    public async Task Adds_a_default_vite_config_for_a_vite_react_site_without_one()
    {
        var report = await new WorkspaceWriter().ApplyAsync(_workspace, [File("package.json", "{\"devDependencies\":{\"vite\":\"^8.0.0\",\"@vitejs/plugin-react\":\"^6.0.0\"}}")]);

        Assert.That(report.AddedDefaultViteConfig, Is.True);
        var config = await System.IO.File.ReadAllTextAsync(Path.Combine(_workspace, "vite.config.js"));
        Assert.That(config, Does.Contain("@vitejs/plugin-react").And.Contain("react()"));
    }

    [Test]
    public async Task Keeps_an_existing_vite_config_and_ignores_sites_without_vite()
    {
        var withConfig = await new WorkspaceWriter().ApplyAsync(_workspace, [File("package.json", "{\"devDependencies\":{\"vite\":\"8\"}}"), File("vite.config.ts", "export default {}\n")]);
        Assert.That(withConfig.AddedDefaultViteConfig, Is.False);

        var other = _temp.Combine("other");
        var noVite = await new WorkspaceWriter().ApplyAsync(other, [File("package.json", "{\"dependencies\":{\"express\":\"4\"}}")]);
        Assert.That(noVite.AddedDefaultViteConfig, Is.False);
        Assert.That(System.IO.File.Exists(Path.Combine(other, "vite.config.js")), Is.False);
    }
}
