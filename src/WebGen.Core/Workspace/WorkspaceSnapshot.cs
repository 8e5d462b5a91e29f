using System.Text;

namespace WebGen;

/// <summary>
/// Captures and restores the text files of a workspace (dependencies and build output excluded). Neither side
/// follows a symbolic link or opens a FIFO, socket or device, so a workspace the site's code has rigged can neither
/// copy a host file into a checkpoint nor make a restore write outside the workspace or hang.
/// </summary>
internal static class WorkspaceSnapshot
{
    /// <summary>Directories that are not the project's own files: dependencies, history and build output.</summary>
    public static readonly IReadOnlySet<string> SkippedDirectories = new HashSet<string>(StringComparer.Ordinal) { "node_modules", ".git", "dist", ".vite", ".cache" };

    /// <summary>
    /// Reads every snapshot-worthy file under <paramref name="root"/>, sorted by path: regular UTF-8 text files of at
    /// most <paramref name="maxFileBytes"/>, until <paramref name="maxTotalBytes"/> is reached.
    /// </summary>
    public static Task<IReadOnlyList<WorkspaceFile>> CaptureAsync(string root, int maxFileBytes, long maxTotalBytes, CancellationToken cancellationToken)
    {
        var files = new List<WorkspaceFile>();
        long total = 0;
        foreach (var entry in LinkSafeFiles.Walk(root, SkippedDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (IsTemporary(entry.RelativePath) || entry.Size > maxFileBytes || total + entry.Size > maxTotalBytes)
            {
                continue;
            }

            var read = LinkSafeFiles.Read(root, entry.RelativePath.Split('/'), maxFileBytes);
            if (read.Content is not { } bytes || Array.IndexOf(bytes, (byte)0) >= 0)
            {
                continue;
            }

            total += bytes.Length;
            files.Add(new WorkspaceFile { Path = entry.RelativePath, Content = Encoding.UTF8.GetString(bytes) });
        }

        return Task.FromResult<IReadOnlyList<WorkspaceFile>>(files);
    }

    /// <summary>Makes <paramref name="root"/> hold exactly <paramref name="files"/>, keeping installed dependencies and binary files.</summary>
    public static Task RestoreAsync(string root, IReadOnlyList<WorkspaceFile> files, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(root);
        var keep = new HashSet<string>(files.Select(f => f.Path), StringComparer.Ordinal);
        foreach (var entry in LinkSafeFiles.Walk(root, SkippedDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (keep.Contains(entry.RelativePath))
            {
                continue;
            }

            // Only what a snapshot could have held goes: binary files (images a shell action fetched) stay.
            var segments = entry.RelativePath.Split('/');
            if (IsTemporary(entry.RelativePath) || LinkSafeFiles.Read(root, segments, int.MaxValue).Content is { } bytes && Array.IndexOf(bytes, (byte)0) < 0)
            {
                LinkSafeFiles.Delete(root, segments);
            }
        }

        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!WorkspaceWriter.TryNormalise(file.Path, out var relative, out _))
            {
                continue;
            }

            var segments = relative.Split('/');
            var bytes = Encoding.UTF8.GetBytes(file.Content);
            if (LinkSafeFiles.Read(root, segments, bytes.Length).Content is { } current && current.AsSpan().SequenceEqual(bytes))
            {
                continue; // unchanged: do not touch it, so the dev server sees no spurious change
            }

            if (LinkSafeFiles.Write(root, segments, bytes) is not null && ClearTheWay(root, segments))
            {
                _ = LinkSafeFiles.Write(root, segments, bytes);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Removes what the site's code put where a restored file belongs: a link (the link itself, never its target) on
    /// the way or at the file, or a file where a directory must be. True when something was removed.
    /// </summary>
    private static bool ClearTheWay(string root, string[] segments)
    {
        for (var i = 1; i <= segments.Length; i++)
        {
            var prefix = segments[..i];
            var kind = LinkSafeFiles.Kind(root, prefix);
            if (kind == EntryKind.SymbolicLink || (i < segments.Length && kind is EntryKind.File or EntryKind.Other))
            {
                LinkSafeFiles.Delete(root, prefix);
                return true;
            }
        }

        return false;
    }

    // Temporary files of an interrupted write: this writer's (".webgen-*.tmp") and older versions' ("*.webgen-tmp").
    private static bool IsTemporary(string relativePath)
    {
        var name = Path.GetFileName(relativePath);
        return (name.StartsWith(".webgen-", StringComparison.Ordinal) && name.EndsWith(".tmp", StringComparison.Ordinal))
            || name.EndsWith(".webgen-tmp", StringComparison.Ordinal);
    }
}
