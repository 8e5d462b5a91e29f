namespace WebGen.Training;

/// <summary>Loads and saves trajectory files, choosing JSONL or Parquet by content (reading) or extension (writing).</summary>
public static class TrajectoryFile
{
    private static readonly byte[] ParquetMagic = "PAR1"u8.ToArray();

    /// <summary>Reads the trajectories of a JSONL or Parquet file (Parquet is recognised by its <c>PAR1</c> magic bytes).</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="InvalidDataException">The content is not valid trajectories.</exception>
    public static async IAsyncEnumerable<Trajectory> ReadAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            var header = new byte[ParquetMagic.Length];
            var read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            stream.Position = 0;
            var items = read == header.Length && header.AsSpan().SequenceEqual(ParquetMagic)
                ? TrajectoryParquet.ReadAsync(stream, cancellationToken)
                : TrajectoryJsonl.ReadAsync(stream, cancellationToken);
            await foreach (var trajectory in items.ConfigureAwait(false))
            {
                yield return trajectory;
            }
        }
    }

    /// <summary>
    /// Writes trajectories to <paramref name="path"/> as Parquet (<c>.parquet</c>) or JSONL (<c>.jsonl</c>, <c>.json</c>),
    /// streaming them. The file appears only when the write completed: it is written beside and then moved into place.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="trajectories">The trajectories, streamed.</param>
    /// <param name="parquetOptions">Row group size for Parquet; defaults when null.</param>
    /// <param name="cancellationToken">Stops the write; the partial file is deleted.</param>
    /// <returns>How many trajectories were written.</returns>
    public static async Task<int> WriteAsync(string path, IAsyncEnumerable<Trajectory> trajectories, TrajectoryParquetOptions? parquetOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(trajectories);
        var extension = Path.GetExtension(path);
        var isParquet = extension.Equals(".parquet", StringComparison.OrdinalIgnoreCase);
        if (!isParquet && !extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase) && !extension.Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Cannot tell the format of '{path}': use a .parquet or .jsonl extension.", nameof(path));
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            int count;
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                count = isParquet
                    ? await TrajectoryParquet.WriteAsync(trajectories, stream, parquetOptions, cancellationToken).ConfigureAwait(false)
                    : await TrajectoryJsonl.WriteAsync(trajectories, stream, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
            return count;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Writes trajectories to <paramref name="path"/> (see the streaming overload).</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="trajectories">The trajectories.</param>
    /// <param name="parquetOptions">Row group size for Parquet; defaults when null.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>How many trajectories were written.</returns>
    public static Task<int> WriteAsync(string path, IEnumerable<Trajectory> trajectories, TrajectoryParquetOptions? parquetOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trajectories);
        return WriteAsync(path, trajectories.ToAsyncEnumerable(), parquetOptions, cancellationToken);
    }
}
