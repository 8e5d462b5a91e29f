using System.Diagnostics;
using System.Net.Sockets;

namespace WebGen.Core.Tests.Workspace;

/// <summary>
/// Hostile workspaces: what code running in the site (a shell action, vite.config.js, the dev server) can plant
/// between two writes. Each test keeps a marker outside the workspace that must stay untouched.
/// </summary>
[Platform(Include = "Linux")]
public sealed class WorkspaceAttackTests
{
    private TempDirectory _temp = null!;
    private string _workspace = null!;
    private string _outside = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _workspace = _temp.Combine("ws");
        _outside = _temp.Combine("outside");
        Directory.CreateDirectory(Path.Combine(_workspace, "src"));
        Directory.CreateDirectory(_outside);
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private static FileAction Action(string path, string content) => new() { FilePath = path, Content = content };

    [Test]
    public async Task A_link_planted_at_the_old_temporary_name_is_not_followed()
    {
        // The attack from issue 10: a shell action created src/App.jsx.webgen-tmp -> /tmp/target.
        var target = Path.Combine(_outside, "target");
        await File.WriteAllTextAsync(target, "host file");
        File.CreateSymbolicLink(Path.Combine(_workspace, "src", "App.jsx.webgen-tmp"), target);

        var report = await new WorkspaceWriter().ApplyAsync(_workspace, [Action("src/App.jsx", "export default 1;\n")]);

        Assert.That(report.Written, Is.EqualTo(new[] { "src/App.jsx" }));
        Assert.That(await File.ReadAllTextAsync(target), Is.EqualTo("host file"));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(_workspace, "src", "App.jsx")), Is.EqualTo("export default 1;\n"));
    }

    [Test]
    public async Task A_hard_link_to_a_host_file_is_replaced_not_written_through()
    {
        var host = Path.Combine(_outside, "host.txt");
        await File.WriteAllTextAsync(host, "host file");
        Link(host, Path.Combine(_workspace, "src", "notes.txt"));

        var report = await new WorkspaceWriter().ApplyAsync(_workspace, [Action("src/notes.txt", "model text")]);

        Assert.That(report.Written, Is.EqualTo(new[] { "src/notes.txt" }));
        Assert.That(await File.ReadAllTextAsync(host), Is.EqualTo("host file"), "the host file shares no inode with the workspace any more");
        Assert.That(await File.ReadAllTextAsync(Path.Combine(_workspace, "src", "notes.txt")), Is.EqualTo("model text"));
    }

    [Test]
    public async Task A_directory_swapped_for_a_link_while_writing_never_lets_a_write_out()
    {
        // The site's code flips src between a real directory and a link to the outside as fast as it can while the
        // writer writes: whatever the interleaving, nothing may land outside.
        using var stop = new CancellationTokenSource();
        var flips = 0;
        var attacker = Task.Run(() =>
        {
            var src = Path.Combine(_workspace, "src");
            var parked = Path.Combine(_workspace, "parked");
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    Directory.Move(src, parked);
                    Directory.CreateSymbolicLink(src, _outside);
                    File.Delete(src);
                    Directory.Move(parked, src);
                    flips++;
                }
                catch (IOException)
                {
                    // The writer recreated src in between: undo and go again.
                    if (Directory.Exists(parked) && !Directory.Exists(src))
                    {
                        Directory.Move(parked, src);
                    }
                    else if (Directory.Exists(parked))
                    {
                        Directory.Delete(parked, recursive: true);
                    }
                }
            }
        });

        var writer = new WorkspaceWriter();
        var stopwatch = Stopwatch.StartNew();
        var writes = 0;
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(2))
        {
            try
            {
                await writer.ApplyAsync(_workspace, [Action("src/App.jsx", "step " + writes)]);
            }
            catch (IOException)
            {
                // A directory vanished mid-write: a failed write is fine, an escaped one is not.
            }

            writes++;
        }

        await stop.CancelAsync();
        await attacker;

        Assert.That(flips, Is.GreaterThan(10), "the attacker must actually have raced the writer");
        Assert.That(Directory.EnumerateFileSystemEntries(_outside), Is.Empty, $"{writes} writes raced {flips} flips");
    }

    [Test]
    public async Task A_symlinked_file_is_neither_snapshotted_nor_restored_through()
    {
        var secret = Path.Combine(_outside, "id_rsa");
        await File.WriteAllTextAsync(secret, "PRIVATE-KEY-MARKER");
        File.CreateSymbolicLink(Path.Combine(_workspace, "src", "key.txt"), secret);
        Directory.CreateSymbolicLink(Path.Combine(_workspace, "home"), _outside);

        var snapshot = await WorkspaceSnapshot.CaptureAsync(_workspace, 1024 * 1024, long.MaxValue, CancellationToken.None);

        Assert.That(snapshot.Select(f => f.Content), Has.None.Contains("PRIVATE-KEY-MARKER"));

        // Restoring a snapshot that has the file puts a plain file where the link was; the target keeps its content.
        await WorkspaceSnapshot.RestoreAsync(_workspace, [new WorkspaceFile { Path = "src/key.txt", Content = "restored" }], CancellationToken.None);

        Assert.That(await File.ReadAllTextAsync(secret), Is.EqualTo("PRIVATE-KEY-MARKER"));
        Assert.That(new FileInfo(Path.Combine(_workspace, "src", "key.txt")).LinkTarget, Is.Null);
        Assert.That(await File.ReadAllTextAsync(Path.Combine(_workspace, "src", "key.txt")), Is.EqualTo("restored"));
        Assert.That(File.Exists(Path.Combine(_outside, "id_rsa")), Is.True, "restore deletes nothing behind a linked directory");
    }

    [Test]
    public async Task Fifos_and_sockets_are_skipped_without_blocking()
    {
        Run("mkfifo", Path.Combine(_workspace, "src", "pipe.js"));
        Run("mkfifo", Path.Combine(_workspace, "package.json"));
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(Path.Combine(_workspace, "src", "server.sock")));
        await File.WriteAllTextAsync(Path.Combine(_workspace, "src", "main.js"), "ok\n");

        var capture = WorkspaceSnapshot.CaptureAsync(_workspace, 1024 * 1024, long.MaxValue, CancellationToken.None);
        var write = new WorkspaceWriter().ApplyAsync(_workspace, [Action("src/App.jsx", "x\n")]);
        var restore = WorkspaceSnapshot.RestoreAsync(_workspace, [new WorkspaceFile { Path = "src/main.js", Content = "ok\n" }], CancellationToken.None);
        var all = Task.WhenAll(capture, write, restore);

        Assert.That(await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(10))), Is.SameAs(all), "a FIFO must never block the host");
        Assert.That((await capture).Select(f => f.Path), Is.EqualTo(new[] { "src/main.js" }));
        Assert.That((await write).Written, Is.EqualTo(new[] { "src/App.jsx" }));
    }

    [Test]
    public async Task The_whole_workspace_has_a_size_cap_whoever_wrote_the_files()
    {
        // 600 bytes written by a shell action count as much as the model's own files.
        await File.WriteAllTextAsync(Path.Combine(_workspace, "src", "data.json"), new string('d', 600));
        Directory.CreateDirectory(Path.Combine(_workspace, "node_modules", "big"));
        await File.WriteAllTextAsync(Path.Combine(_workspace, "node_modules", "big", "index.js"), new string('n', 5000));
        var writer = new WorkspaceWriter(new WorkspaceOptions { MaxWorkspaceBytes = 1000 });

        var report = await writer.ApplyAsync(_workspace, [Action("src/a.js", new string('a', 300)), Action("src/b.js", new string('b', 300)), Action("src/data.json", "{}")]);

        Assert.That(report.Written, Is.EqualTo(new[] { "src/a.js", "src/data.json" }), "overwriting a file counts its new size, not both");
        var refusal = report.Rejected.Single();
        Assert.That(refusal.Path, Is.EqualTo("src/b.js"));
        Assert.That(refusal.Reason, Does.Contain("1200 bytes, over the 1000-byte limit for the whole project").And.Contain("delete files"));
        Assert.That(File.Exists(Path.Combine(_workspace, "src", "b.js")), Is.False);
    }

    [TestCase(".npmrc")]
    [TestCase("app/.npmrc")]
    [TestCase(".NPMRC")]
    [TestCase(".yarnrc")]
    [TestCase(".yarnrc.yml")]
    [TestCase(".pnpmrc")]
    public async Task Package_manager_configuration_files_are_refused(string path)
    {
        var report = await new WorkspaceWriter().ApplyAsync(_workspace, [Action(path, "ignore-scripts=false\ngit=/tmp/evil.sh\n")]);

        Assert.That(report.Written, Is.Empty);
        Assert.That(report.Rejected.Single().Reason, Does.Contain("package-manager configuration file"));
        Assert.That(File.Exists(Path.Combine(_workspace, path)), Is.False);
    }

    private static void Link(string existing, string link)
    {
        using var ln = Process.Start("ln", [existing, link])!;
        ln.WaitForExit();
        Assert.That(ln.ExitCode, Is.Zero, "ln failed");
    }

    private static void Run(string program, string argument)
    {
        using var process = Process.Start(program, [argument])!;
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, program + " failed");
    }
}
