using Parquet;
using Parquet.Serialization;

namespace WebGen.Training.Tests;

public sealed class TrajectoryParquetTests
{
    [Test]
    public async Task Round_trip_keeps_every_field()
    {
        using var stream = new MemoryStream();
        Trajectory[] originals = [Samples.Full(0), Samples.Full(1), Samples.Full(2)];

        var written = await TrajectoryParquet.WriteAsync(originals, stream);
        stream.Position = 0;
        var read = await Samples.ToListAsync(TrajectoryParquet.ReadAsync(stream));

        Assert.That(written, Is.EqualTo(3));
        Assert.That(read.Select(TrajectoryJsonl.Serialize), Is.EqualTo(originals.Select(TrajectoryJsonl.Serialize)));
    }

    [Test]
    public async Task Streams_into_row_groups_and_reads_them_back_in_order()
    {
        using var stream = new MemoryStream();

        var written = await TrajectoryParquet.WriteAsync(Samples.Stream(150), stream, new TrajectoryParquetOptions { RowGroupSize = 64 });

        Assert.That(written, Is.EqualTo(150));
        stream.Position = 0;
        await using (var reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true))
        {
            Assert.That(reader.RowGroupCount, Is.EqualTo(3));
        }

        stream.Position = 0;
        var read = await Samples.ToListAsync(TrajectoryParquet.ReadAsync(stream));
        Assert.That(read.Select(t => t.Index), Is.EqualTo(Enumerable.Range(0, 150)));
    }

    [Test]
    public async Task Writes_verl_and_trl_columns_prompt_and_per_turn_rewards()
    {
        using var stream = new MemoryStream();
        await TrajectoryParquet.WriteAsync([Samples.Full(1)], stream);
        stream.Position = 0;

        var rows = (await ParquetSerializer.DeserializeAsync<TrajectoryRow>(stream)).Data;

        Assert.That(rows[0].Prompt.Select(m => m.Role), Is.EqualTo(new[] { "system", "user" }));
        Assert.That(rows[0].Prompt[1].Content, Is.EqualTo("Build a recipe site"));
        Assert.That(rows[0].Rewards, Is.EqualTo(new[] { 8.5, 8.5 }));
        Assert.That(rows[0].Advantages, Is.EqualTo(new[] { -0.75, -0.75 }));
    }

    [Test]
    public async Task An_empty_export_is_a_valid_file()
    {
        using var stream = new MemoryStream();

        await TrajectoryParquet.WriteAsync(Samples.Stream(0), stream);
        stream.Position = 0;

        Assert.That(await Samples.ToListAsync(TrajectoryParquet.ReadAsync(stream)), Is.Empty);
    }

    [Test]
    public async Task A_non_seekable_output_is_rejected_with_a_clear_message()
    {
        using var stream = new WriteOnlyStream();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => TrajectoryParquet.WriteAsync([Samples.Full(0)], stream));
        Assert.That(error!.Message, Does.Contain("seekable"));
    }

    [Test]
    public async Task A_file_that_is_not_parquet_is_reported()
    {
        using var stream = new MemoryStream("PAR1 this is not parquet"u8.ToArray());

        await Assert.ThrowsAsync<InvalidDataException>(() => Samples.ToListAsync(TrajectoryParquet.ReadAsync(stream)));
    }

    private sealed class WriteOnlyStream : MemoryStream
    {
        public override bool CanSeek => false;

        public override bool CanRead => false;
    }
}
