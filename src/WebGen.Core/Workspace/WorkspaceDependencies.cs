namespace WebGen;

/// <summary>Removes a workspace's installed dependencies when a run has ended.</summary>
internal static class WorkspaceDependencies
{
    /// <summary>
    /// Deletes <c>node_modules</c> (and half-built template seeds, <c>.node_modules*</c>) under <paramref name="workspace"/>.
    /// A link in their place is removed itself, never followed: the site's code may have replaced <c>node_modules</c>
    /// by a link to a host folder.
    /// </summary>
    public static void Delete(string workspace)
    {
        if (!Directory.Exists(workspace))
        {
            return;
        }

        foreach (var entry in new DirectoryInfo(workspace).EnumerateFileSystemInfos())
        {
            if (entry.Name != "node_modules" && !entry.Name.StartsWith(".node_modules", StringComparison.Ordinal))
            {
                continue;
            }

            if (entry.LinkTarget is not null || entry is FileInfo)
            {
                entry.Delete();
            }
            else
            {
                // Removes links inside as links (their targets stay), like rm -r.
                ((DirectoryInfo)entry).Delete(recursive: true);
            }
        }
    }
}
