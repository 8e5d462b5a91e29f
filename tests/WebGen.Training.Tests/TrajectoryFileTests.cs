namespace WebGen.Training.Tests;

public sealed class TrajectoryFileTests
{
    private string directory = "";

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("webgen-training-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    [TestCase("group.jsonl")]
    [TestCase("group.parquet")]
    public async Task Loader_reads_back_what_was_written_in_either_format(string name)
    {
        var path = Path.Combine(directory, name);

        var written = await TrajectoryFile.WriteAsync(path, Samples.Stream(5));
        var read = await Samples.ToListAsync(TrajectoryFile.ReadAsync(path));

        Assert.That(written, Is.EqualTo(5));
        Assert.That(read.Select(TrajectoryJsonl.Serialize), Is.EqualTo(Enumerable.Range(0, 5).Select(i => TrajectoryJsonl.Serialize(Samples.Full(i)))));
        Assert.That(Directory.GetFiles(directory), Is.EqualTo(new[] { path }), "no temporary file is left behind");
    }

    [Test]
    public async Task Loader_detects_parquet_by_content_not_extension()
    {
        var parquet = Path.Combine(directory, "a.parquet");
        var renamed = Path.Combine(directory, "a.data");
        await TrajectoryFile.WriteAsync(parquet, [Samples.Full(0)]);
        File.Move(parquet, renamed);

        var read = await Samples.ToListAsync(TrajectoryFile.ReadAsync(renamed));

        Assert.That(read, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_failed_write_leaves_no_file_and_keeps_the_old_one()
    {
        var path = Path.Combine(directory, "group.jsonl");
        await TrajectoryFile.WriteAsync(path, [Samples.Full(0)]);
        var before = await File.ReadAllTextAsync(path);

        await Assert.ThrowsAsync<InvalidOperationException>(() => TrajectoryFile.WriteAsync(path, Failing()));

        Assert.That(await File.ReadAllTextAsync(path), Is.EqualTo(before));
        Assert.That(Directory.GetFiles(directory), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task An_unknown_extension_is_rejected()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => TrajectoryFile.WriteAsync(Path.Combine(directory, "x.csv"), [Samples.Full(0)]));
    }

    private static async IAsyncEnumerable<Trajectory> Failing()
    {
        yield return Samples.Full(0);
        await Task.Yield();
        throw new InvalidOperationException("the rollout failed");
    }
}
