using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace WebGen.Training;

/// <summary>
/// Reads and writes trajectories as JSON Lines: one trajectory per line, snake_case names (see the package README for the schema).
/// </summary>
public static class TrajectoryJsonl
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>Writes <paramref name="trajectories"/> to <paramref name="output"/> as they arrive, one line each.</summary>
    /// <param name="trajectories">The trajectories, streamed.</param>
    /// <param name="output">A writable stream; left open.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>How many trajectories were written.</returns>
    public static async Task<int> WriteAsync(IAsyncEnumerable<Trajectory> trajectories, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trajectories);
        ArgumentNullException.ThrowIfNull(output);
        if (!output.CanWrite)
        {
            throw new ArgumentException("The output stream must be writable.", nameof(output));
        }

        var count = 0;
        await foreach (var trajectory in trajectories.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            ArgumentNullException.ThrowIfNull(trajectory, nameof(trajectories));
            await JsonSerializer.SerializeAsync(output, trajectory, TrajectoryJsonContext.Relaxed.Trajectory, cancellationToken).ConfigureAwait(false);
            await output.WriteAsync(NewLine, cancellationToken).ConfigureAwait(false);
            count++;
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    /// <summary>Writes <paramref name="trajectories"/> to <paramref name="output"/>, one line each.</summary>
    /// <param name="trajectories">The trajectories.</param>
    /// <param name="output">A writable stream; left open.</param>
    /// <param name="cancellationToken">Stops the write.</param>
    /// <returns>How many trajectories were written.</returns>
    public static Task<int> WriteAsync(IEnumerable<Trajectory> trajectories, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trajectories);
        return WriteAsync(trajectories.ToAsyncEnumerable(), output, cancellationToken);
    }

    /// <summary>Serialises one trajectory as a single JSON line (without the line break).</summary>
    /// <param name="trajectory">The trajectory.</param>
    public static string Serialize(Trajectory trajectory)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        return JsonSerializer.Serialize(trajectory, TrajectoryJsonContext.Relaxed.Trajectory);
    }

    /// <summary>Reads trajectories from <paramref name="input"/> one line at a time; blank lines are skipped.</summary>
    /// <param name="input">A readable stream of JSON Lines; left open.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="InvalidDataException">A line is not a valid trajectory; the message names the line.</exception>
    public static async IAsyncEnumerable<Trajectory> ReadAsync(Stream input, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var reader = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return Parse(line, lineNumber);
        }
    }

    private static Trajectory Parse(string line, int lineNumber)
    {
        try
        {
            return JsonSerializer.Deserialize(line, TrajectoryJsonContext.Relaxed.Trajectory)
                ?? throw new InvalidDataException($"JSONL line {lineNumber} is null; expected a trajectory object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"JSONL line {lineNumber} is not a valid trajectory: {e.Message}", e);
        }
    }
}
