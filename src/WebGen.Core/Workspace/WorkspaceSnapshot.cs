using System.Text;

namespace WebGen;

/// <summary>Captures and restores the text files of a workspace (dependencies and build output excluded).</summary>
internal static class WorkspaceSnapshot
{
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal) { "node_modules", ".git", "dist", ".vite", ".cache" };

    /// <summary>Reads every snapshot-worthy file under <paramref name="root"/>, sorted by path.</summary>
    public static async Task<IReadOnlyList<WorkspaceFile>> CaptureAsync(string root, int maxFileBytes, CancellationToken cancellationToken)
    {
        var files = new List<WorkspaceFile>();
        if (!Directory.Exists(root))
        {
            return files;
        }

        var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(dir, "*", options))
            {
                if (!SkippedDirectories.Contains(Path.GetFileName(sub)))
                {
                    pending.Push(sub);
                }
            }

            foreach (var file in Directory.EnumerateFiles(dir, "*", options))
            {
                if (file.EndsWith(".webgen-tmp", StringComparison.Ordinal))
                {
                    continue;
                }

                var info = new FileInfo(file);
                if (info.Length > maxFileBytes)
                {
                    continue;
                }

                var bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
                if (Array.IndexOf(bytes, (byte)0) >= 0)
                {
                    continue;
                }

                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                files.Add(new WorkspaceFile { Path = relative, Content = Encoding.UTF8.GetString(bytes) });
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return files;
    }

    /// <summary>Makes <paramref name="root"/> hold exactly <paramref name="files"/>, keeping installed dependencies.</summary>
    public static async Task RestoreAsync(string root, IReadOnlyList<WorkspaceFile> files, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(root);
        var keep = new HashSet<string>(files.Select(f => f.Path), StringComparer.Ordinal);
        var current = await CaptureAsync(root, int.MaxValue, cancellationToken).ConfigureAwait(false);
        foreach (var file in current)
        {
            if (!keep.Contains(file.Path))
            {
                File.Delete(Path.Combine(root, file.Path));
            }
        }

        foreach (var file in files)
        {
            if (!WorkspaceWriter.TryResolve(root, file.Path, out _, out var full, out _))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            var bytes = Encoding.UTF8.GetBytes(file.Content);
            if (File.Exists(full) && (await File.ReadAllBytesAsync(full, cancellationToken).ConfigureAwait(false)).AsSpan().SequenceEqual(bytes))
            {
                continue; // unchanged: do not touch it, so the dev server sees no spurious change
            }

            var temp = full + ".webgen-tmp";
            await File.WriteAllBytesAsync(temp, bytes, cancellationToken).ConfigureAwait(false);
            File.Move(temp, full, overwrite: true);
        }
    }
}
