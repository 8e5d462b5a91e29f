using System.Text;
using System.Text.Json;

namespace WebGen.Training.Tests;

public sealed class TrajectoryJsonlTests
{
    [Test]
    public async Task Round_trip_keeps_every_field()
    {
        using var stream = new MemoryStream();
        Trajectory[] originals = [Samples.Full(0), Samples.Full(1)];

        var written = await TrajectoryJsonl.WriteAsync(originals, stream);
        stream.Position = 0;
        var read = await Samples.ToListAsync(TrajectoryJsonl.ReadAsync(stream));

        Assert.That(written, Is.EqualTo(2));
        Assert.That(read.Select(TrajectoryJsonl.Serialize), Is.EqualTo(originals.Select(TrajectoryJsonl.Serialize)));
        Assert.That(read[1].Messages[2].Reward, Is.EqualTo(8.5));
        Assert.That(read[1].Steps[1].Kind, Is.EqualTo(StepKind.Validate));
        Assert.That(read[1].Metadata.StopReason, Is.EqualTo(WebGenStopReason.TooManyRestarts));
        Assert.That(read[0].Instruction, Is.EqualTo(originals[0].Instruction));
    }

    [Test]
    public async Task Writes_one_line_per_trajectory_with_snake_case_names_and_readable_markup()
    {
        using var stream = new MemoryStream();

        await TrajectoryJsonl.WriteAsync(Samples.Stream(3), stream);

        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n');
        Assert.That(lines, Has.Length.EqualTo(4));
        Assert.That(lines[3], Is.Empty);
        using var document = JsonDocument.Parse(lines[0]);
        var root = document.RootElement;
        Assert.That(root.GetProperty("prompt_id").GetString(), Is.EqualTo("webgen-bench-000042"));
        Assert.That(root.GetProperty("messages")[2].GetProperty("role").GetString(), Is.EqualTo("assistant"));
        Assert.That(root.GetProperty("steps")[0].GetProperty("kind").GetString(), Is.EqualTo("code"));
        Assert.That(root.GetProperty("metadata").GetProperty("stop_reason").GetString(), Is.EqualTo("too_many_restarts"));
        Assert.That(root.GetProperty("messages")[0].TryGetProperty("reward", out _), Is.False, "nulls are omitted");
        Assert.That(lines[0], Does.Contain("<boltArtifact id=\\\"a\\\""));
    }

    [Test]
    public async Task A_bad_line_is_reported_with_its_number()
    {
        var text = TrajectoryJsonl.Serialize(Samples.Full(0)) + "\n\n{\"prompt_id\": \"x\"}\n";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Samples.ToListAsync(TrajectoryJsonl.ReadAsync(stream)));
        Assert.That(error.Message, Does.StartWith("JSONL line 3 is not a valid trajectory"));
    }

    [Test]
    public async Task An_unknown_enum_value_is_rejected()
    {
        var line = TrajectoryJsonl.Serialize(Samples.Full(0)).Replace("\"kind\":\"code\"", "\"kind\":\"refactor\"", StringComparison.Ordinal);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(line));

        await Assert.ThrowsAsync<InvalidDataException>(() => Samples.ToListAsync(TrajectoryJsonl.ReadAsync(stream)));
    }
}
