using System.Globalization;

namespace WebGen;

/// <summary>
/// The default <see cref="IRunStore"/>: entries are files under the run directory. A single entry is written to a
/// temporary file and renamed over the old one; a batch (a step) is written into a temporary folder and renamed to its
/// folder only when complete, so a run killed at any moment leaves either a whole step or none.
/// </summary>
public sealed class FileRunStore : IRunStore
{
    private const string TempFolderSuffix = ".tmp";
    private const string TempFileMarker = ".tmp-";

    /// <summary>Opens the store of a run directory (created on the first write).</summary>
    /// <param name="runDirectory">The run directory.</param>
    public FileRunStore(string runDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDirectory);
        Root = Path.GetFullPath(runDirectory);
    }

    /// <summary>The run directory.</summary>
    public string Root { get; }

    /// <inheritdoc />
    public async Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken = default)
    {
        RunStoreNames.ThrowIfInvalid(name);
        try
        {
            return await File.ReadAllBytesAsync(PathOf(name), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListAsync(string folder, CancellationToken cancellationToken = default)
    {
        RunStoreNames.ThrowIfInvalid(folder, nameof(folder));
        var path = PathOf(folder);
        IReadOnlyList<string> names = Directory.Exists(path)
            ? [.. Directory.EnumerateFileSystemEntries(path).Select(Path.GetFileName).OfType<string>()
                .Where(n => !n.EndsWith(TempFolderSuffix, StringComparison.Ordinal) && !n.Contains(TempFileMarker, StringComparison.Ordinal))]
            : [];
        return Task.FromResult(names);
    }

    /// <inheritdoc />
    public async Task<bool> WriteAsync(IReadOnlyList<RunStoreEntry> entries, RunStoreWriteMode mode, CancellationToken cancellationToken = default)
    {
        var folder = RunStoreNames.ThrowIfInvalidBatch(entries);
        if (folder is null)
        {
            return await WriteFileAsync(entries[0], mode, cancellationToken).ConfigureAwait(false);
        }

        var final = PathOf(folder);
        if (mode == RunStoreWriteMode.CreateNew && Directory.Exists(final))
        {
            return false;
        }

        var legacyTemp = final + TempFolderSuffix;
        if (Directory.Exists(legacyTemp))
        {
            Directory.Delete(legacyTemp, recursive: true); // an interrupted batch of an older version: it never happened
        }

        // Each writer fills its own folder, so concurrent writers of one step never mix their entries.
        var temp = final + TempFileMarker + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(temp);
        foreach (var entry in entries)
        {
            await File.WriteAllBytesAsync(Path.Combine(temp, entry.Name[(folder.Length + 1)..]), entry.Content, cancellationToken).ConfigureAwait(false);
        }

        if (Directory.Exists(final))
        {
            if (mode == RunStoreWriteMode.CreateNew)
            {
                Directory.Delete(temp, recursive: true);
                return false;
            }

            Directory.Delete(final, recursive: true);
        }

        try
        {
            Directory.Move(temp, final);
        }
        catch (IOException) when (mode == RunStoreWriteMode.CreateNew && Directory.Exists(final))
        {
            Directory.Delete(temp, recursive: true); // another writer committed the folder first
            return false;
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Root;

    private async Task<bool> WriteFileAsync(RunStoreEntry entry, RunStoreWriteMode mode, CancellationToken cancellationToken)
    {
        var path = PathOf(entry.Name);
        if (mode == RunStoreWriteMode.CreateNew && File.Exists(path))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + TempFileMarker + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        await File.WriteAllBytesAsync(temp, entry.Content, cancellationToken).ConfigureAwait(false);
        try
        {
            File.Move(temp, path, overwrite: mode == RunStoreWriteMode.Replace);
        }
        catch (IOException) when (mode == RunStoreWriteMode.CreateNew && File.Exists(path))
        {
            File.Delete(temp);
            return false;
        }

        return true;
    }

    private string PathOf(string name) => Path.Combine(Root, name.Replace('/', Path.DirectorySeparatorChar));
}
