using WebGen.Sandbox.Processes;

namespace WebGen.Sandbox.Install;

/// <summary>
/// Places a prepared template's <c>node_modules</c> into a workspace that has none, so the first
/// <c>npm install</c> only reconciles instead of extracting every package.
/// </summary>
internal static class NodeModulesSeeder
{
    /// <summary>The unprivileged uid (nobody) that owns sealed template files; isolated processes run as another host uid.</summary>
    private const int SealOwner = 65534;

    /// <summary>
    /// True when template files can be sealed (this process runs as root and may change their owner), so isolated
    /// sites can share them by hard link: a sealed file belongs to a uid that is not mapped into any sandbox and has no
    /// write bit, so a sandboxed process can neither write through the link nor change its mode; it can still unlink
    /// it from the workspace, which is all npm does when it replaces a package.
    /// </summary>
    public static bool CanSeal => OperatingSystem.IsLinux() && NativeMethods.Geteuid() == 0;

    /// <summary>Seeds <paramref name="workspace"/>; returns the number of files placed.</summary>
    /// <param name="templateNodeModules">The template's <c>node_modules</c>.</param>
    /// <param name="workspace">The workspace to seed.</param>
    /// <param name="mode">Hard links or copies.</param>
    /// <param name="seal">With hard links: seal each template file first (see <see cref="CanSeal"/>).</param>
    /// <param name="cancellationToken">Stops between files.</param>
    public static int Seed(string templateNodeModules, string workspace, TemplateSeedMode mode, CancellationToken cancellationToken, bool seal = false)
    {
        var target = Path.Combine(workspace, "node_modules");

        // Built beside the target and renamed at the end: an interrupted seed never looks like a complete one.
        var staging = Path.Combine(workspace, $".node_modules.seeding-{Guid.NewGuid():N}");
        try
        {
            var hardLinks = mode == TemplateSeedMode.HardLink;
            var count = CopyTree(new DirectoryInfo(templateNodeModules), staging, ref hardLinks, seal, cancellationToken, root: true);
            Directory.Move(staging, target);
            return count;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static int CopyTree(DirectoryInfo source, string destination, ref bool hardLinks, bool seal, CancellationToken cancellationToken, bool root = false)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Directory.CreateDirectory(destination);
        var count = 0;
        foreach (var entry in source.EnumerateFileSystemInfos())
        {
            var path = Path.Combine(destination, entry.Name);
            if (entry.LinkTarget is { } linkTarget)
            {
                // node_modules/.bin holds relative symlinks; they stay valid in the copy.
                File.CreateSymbolicLink(path, linkTarget);
            }
            else if (entry is DirectoryInfo directory)
            {
                count += CopyTree(directory, path, ref hardLinks, seal, cancellationToken);
            }
            else
            {
                // Files at the root of node_modules are npm's own metadata (.package-lock.json), which npm rewrites
                // in place: through a hard link that would rewrite the template. Files inside packages are only replaced.
                var linked = !root && hardLinks && (!seal || Seal((FileInfo)entry)) && NativeMethods.Link(entry.FullName, path) == 0;
                if (!linked)
                {
                    if (!root)
                    {
                        // Copy mode, or linking failed (another file system, no permission): copy from here on.
                        hardLinks = false;
                    }

                    File.Copy(entry.FullName, path);
                }

                count++;
            }
        }

        return count;
    }

    /// <summary>Makes a template file read-only and owned by <see cref="SealOwner"/>; false when that is not possible.</summary>
    private static bool Seal(FileInfo file)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        const UnixFileMode Writable = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        var mode = file.UnixFileMode;
        if ((mode & Writable) != 0)
        {
            file.UnixFileMode = (mode & ~Writable) | UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }

        return NativeMethods.Lchown(file.FullName, SealOwner, SealOwner) == 0;
    }
}
