namespace WebGen.Sandbox.Start;

/// <summary>
/// Modification times and sizes of a workspace's own files (not <c>node_modules</c> or build output), so that a
/// step can tell which files changed since the dev server last saw the workspace.
/// </summary>
internal sealed class SourceSnapshot
{
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal)
    {
        "node_modules", ".git", "dist", "build", ".vite", ".next", ".cache", "coverage",
    };

    private readonly Dictionary<string, (DateTime Modified, long Size)> _files;

    private SourceSnapshot(Dictionary<string, (DateTime, long)> files) => _files = files;

    public static SourceSnapshot Take(string workspace)
    {
        var files = new Dictionary<string, (DateTime, long)>(StringComparer.Ordinal);
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(workspace)]);
        while (pending.Count > 0)
        {
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = pending.Pop().EnumerateFileSystemInfos();
                foreach (var entry in entries)
                {
                    if (entry is DirectoryInfo directory)
                    {
                        // ".node_modules.seeding-*" is a template seed that a killed host left half-built.
                        if (entry.LinkTarget is null && !SkippedDirectories.Contains(entry.Name) && !entry.Name.StartsWith(".node_modules", StringComparison.Ordinal))
                        {
                            pending.Push(directory);
                        }
                    }
                    else if (entry is FileInfo file && !file.Name.Contains(".timestamp-", StringComparison.Ordinal))
                    {
                        // Vite 5 bundles its config to "vite.config.js.timestamp-….mjs" and deletes it at once: not a source.
                        files[file.FullName] = (file.LastWriteTimeUtc, file.Length);
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // A directory removed while it was listed: its files are gone, which is what a snapshot should show.
            }
        }

        return new SourceSnapshot(files);
    }

    /// <summary>True when a file of <paramref name="earlier"/> is gone.</summary>
    public bool HasDeletionsSince(SourceSnapshot earlier) => earlier._files.Keys.Any(path => !_files.ContainsKey(path));

    /// <summary>Files that are new or were written since <paramref name="earlier"/>, with their modification times.</summary>
    public List<(string Path, DateTime Modified)> ChangedSince(SourceSnapshot earlier) =>
        [.. _files.Where(f => !earlier._files.TryGetValue(f.Key, out var before) || before != f.Value).Select(f => (f.Key, f.Value.Modified))];
}
