using System.ComponentModel.DataAnnotations;

namespace WebGen.Training;

/// <summary>Options of <see cref="TrajectoryParquet"/>.</summary>
public sealed class TrajectoryParquetOptions
{
    /// <summary>
    /// How many trajectories go into one row group. A streamed write holds at most this many trajectories in memory;
    /// readers load one row group at a time.
    /// </summary>
    [Range(1, 1_000_000)]
    public int RowGroupSize { get; set; } = 64;
}
