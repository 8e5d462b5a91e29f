using WebGen.Sandbox.Processes;

namespace WebGen.Sandbox.Install;

/// <summary>
/// Places a prepared template's <c>node_modules</c> into a workspace that has none, so the first
/// <c>npm install</c> only reconciles instead of extracting every package.
/// </summary>
internal static class NodeModulesSeeder
{
    /// <summary>Seeds <paramref name="workspace"/>; returns the number of files placed.</summary>
    public static int Seed(string templateNodeModules, string workspace, TemplateSeedMode mode, CancellationToken cancellationToken)
    {
        var target = Path.Combine(workspace, "node_modules");

        // Built beside the target and renamed at the end: an interrupted seed never looks like a complete one.
        var staging = Path.Combine(workspace, $".node_modules.seeding-{Guid.NewGuid():N}");
        try
        {
            var hardLinks = mode == TemplateSeedMode.HardLink;
            var count = CopyTree(new DirectoryInfo(templateNodeModules), staging, ref hardLinks, cancellationToken, root: true);
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

    private static int CopyTree(DirectoryInfo source, string destination, ref bool hardLinks, CancellationToken cancellationToken, bool root = false)
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
                count += CopyTree(directory, path, ref hardLinks, cancellationToken);
            }
            else
            {
                // Files at the root of node_modules are npm's own metadata (.package-lock.json), which npm rewrites
                // in place: through a hard link that would rewrite the template. Files inside packages are only replaced.
                var linked = !root && hardLinks && NativeMethods.Link(entry.FullName, path) == 0;
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
}
