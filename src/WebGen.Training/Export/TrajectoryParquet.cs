using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Serialization;

namespace WebGen.Training;

/// <summary>
/// Reads and writes trajectories as Parquet: one row per trajectory, with <c>prompt</c> and <c>messages</c> as lists of
/// role/content structs (the shape verl and TRL read) and per-turn <c>rewards</c>/<c>advantages</c> (see the package README).
/// </summary>
public static class TrajectoryParquet
{
    /// <summary>
    /// Writes <paramref name="trajectories"/> to <paramref name="output"/> as they arrive, one row group per
    /// <see cref="TrajectoryParquetOptions.RowGroupSize"/> trajectories, so a large export never sits in memory whole.
    /// </summary>
    /// <param name="trajectories">The trajectories, streamed.</param>
    /// <param name="output">A readable, writable, seekable stream (Parquet appends row groups by rewriting the footer); left open.</param>
    /// <param name="options">Row group size; defaults when null.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>How many trajectories were written.</returns>
    public static async Task<int> WriteAsync(IAsyncEnumerable<Trajectory> trajectories, Stream output, TrajectoryParquetOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trajectories);
        ArgumentNullException.ThrowIfNull(output);
        options ??= new TrajectoryParquetOptions();
        TrainingOptionsValidator.ThrowIfInvalid(options, nameof(options));
        if (!output.CanWrite || !output.CanSeek || !output.CanRead)
        {
            throw new ArgumentException("Parquet output must be a readable, writable and seekable stream, for example a FileStream opened with FileAccess.ReadWrite.", nameof(output));
        }

        var start = output.Position;
        var batch = new List<TrajectoryRow>(options.RowGroupSize);
        var count = 0;
        var appending = false;
        await foreach (var trajectory in trajectories.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            ArgumentNullException.ThrowIfNull(trajectory, nameof(trajectories));
            batch.Add(TrajectoryRows.ToRow(trajectory));
            count++;
            if (batch.Count == options.RowGroupSize)
            {
                await WriteRowGroupAsync(batch, output, start, appending, cancellationToken).ConfigureAwait(false);
                appending = true;
                batch.Clear();
            }
        }

        if (batch.Count > 0 || !appending)
        {
            await WriteRowGroupAsync(batch, output, start, appending, cancellationToken).ConfigureAwait(false);
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    /// <summary>Writes <paramref name="trajectories"/> to <paramref name="output"/>.</summary>
    /// <param name="trajectories">The trajectories.</param>
    /// <param name="output">A readable, writable, seekable stream; left open.</param>
    /// <param name="options">Row group size; defaults when null.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>How many trajectories were written.</returns>
    public static Task<int> WriteAsync(IEnumerable<Trajectory> trajectories, Stream output, TrajectoryParquetOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trajectories);
        return WriteAsync(trajectories.ToAsyncEnumerable(), output, options, cancellationToken);
    }

    /// <summary>Reads the trajectories of <paramref name="input"/>, one row group at a time.</summary>
    /// <param name="input">A readable, seekable Parquet stream; left open.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="InvalidDataException">The file is not a trajectory Parquet file.</exception>
    public static async IAsyncEnumerable<Trajectory> ReadAsync(Stream input, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!input.CanRead || !input.CanSeek)
        {
            throw new ArgumentException("Parquet input must be a readable, seekable stream.", nameof(input));
        }

        var start = input.Position;
        int rowGroups;
        try
        {
            var reader = await ParquetReader.CreateAsync(input, leaveStreamOpen: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                rowGroups = reader.RowGroupCount;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidDataException($"Not a readable Parquet file: {e.Message}", e);
        }

        for (var group = 0; group < rowGroups; group++)
        {
            input.Position = start;
            IList<TrajectoryRow> rows;
            try
            {
                rows = (await ParquetSerializer.DeserializeAsync<TrajectoryRow>(input, rowGroupIndex: group, cancellationToken: cancellationToken).ConfigureAwait(false)).Data;
            }
            catch (Exception e) when (e is not OperationCanceledException and not InvalidDataException)
            {
                throw new InvalidDataException($"Row group {group} does not hold trajectories in the documented schema: {e.Message}", e);
            }

            foreach (var row in rows)
            {
                yield return TrajectoryRows.FromRow(row);
            }
        }
    }

    private static async Task WriteRowGroupAsync(List<TrajectoryRow> batch, Stream output, long start, bool append, CancellationToken cancellationToken)
    {
        output.Position = start;
        var parquetOptions = new ParquetOptions { Append = append, RowGroupSize = Math.Max(1, batch.Count) };
        await ParquetSerializer.SerializeAsync(batch, output, parquetOptions, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
