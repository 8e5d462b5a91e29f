using WebGen.Samples.StepGrpoRollouts;
using WebGen.Training;

namespace WebGen.Samples.Tests;

public sealed class StepGrpoRolloutsTests
{
    [Test]
    public async Task Offline_group_of_2_by_3_writes_jsonl_and_parquet_that_load_back_with_zero_advantages()
    {
        using var temp = new TempDirectory();
        var outDirectory = temp.Combine("rollouts");

        var outcome = await Samples.RunAsync(
            (o, e) => RolloutsProgram.RunAsync(["--task", "000001", "-n", "2", "-k", "3", "--out", outDirectory], o, e, Samples.Offline(temp.Combine("unused"))),
            "StepGrpoRollouts -n 2 -k 3");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Error);
        var jsonl = await ReadAllAsync(Path.Combine(outDirectory, RolloutsProgram.JsonlFile));
        var parquet = await ReadAllAsync(Path.Combine(outDirectory, RolloutsProgram.ParquetFile));

        Assert.That(jsonl, Has.Count.EqualTo(2));
        Assert.That(jsonl.Select(t => t.Index), Is.EquivalentTo(new[] { 0, 1 }));
        foreach (var trajectory in jsonl)
        {
            Assert.That(trajectory.PromptId, Is.EqualTo("000001"));
            Assert.That(trajectory.Instruction, Does.Contain("Set the background color to white and the component color to navy."));
            Assert.That(trajectory.Steps, Has.Count.InRange(1, 3), "K = 3 caps the episode");
            Assert.That(trajectory.Steps[0].Kind, Is.EqualTo(StepKind.Code));
            Assert.That(trajectory.Metadata.GroupSize, Is.EqualTo(2));
            Assert.That(Directory.Exists(Path.Combine(outDirectory, "runs", trajectory.Metadata.RunId)), Is.True, "each episode's run directory is kept");

            // Every advantage is the group-normalised reward of its turn.
            var turns = trajectory.Messages.Where(m => m.Role == TrajectoryRole.Assistant).ToList();
            Assert.That(turns, Has.Count.EqualTo(trajectory.Steps.Count));
            foreach (var turn in turns)
            {
                var expected = (turn.Reward!.Value - trajectory.Metadata.GroupRewardMean) / (trajectory.Metadata.GroupRewardStd + 1e-6);
                Assert.That(turn.Advantage, Is.EqualTo(expected).Within(1e-9));
            }
        }

        // Both files hold the same trajectories.
        Assert.That(parquet, Has.Count.EqualTo(jsonl.Count));
        for (var i = 0; i < jsonl.Count; i++)
        {
            Assert.That(TrajectoryJsonl.Serialize(parquet[i]), Is.EqualTo(TrajectoryJsonl.Serialize(jsonl[i])));
        }

        Assert.That(outcome.Out, Does.Contain("episode  step  kind"));
        Assert.That(outcome.Out, Does.Contain("wrote " + Path.Combine(outDirectory, RolloutsProgram.ParquetFile)));

        // The deterministic demo makes identical episodes, unless the machine was so slow that a step failed and was retried.
        var failures = jsonl.SelectMany(t => t.Steps).SelectMany(s => s.Errors).Where(e => e.Contains("failed unexpectedly", StringComparison.Ordinal)).ToList();
        Assume.That(failures, Is.Empty, "a step failed for lack of time, so the episodes differ");
        var code = jsonl[0].Steps[0];
        Assert.That(jsonl.Select(t => t.Steps.Select(s => s.Kind)), Has.All.EqualTo(new[] { StepKind.Code, StepKind.Validate, StepKind.Finish }));
        Assert.That(jsonl[0].Messages.Where(m => m.Role == TrajectoryRole.Assistant).Select(m => m.Reward), Has.All.EqualTo((double)(code.ScreenshotGrade + jsonl[0].Steps[1].GuiGrade)), "screenshot + GUI grade credited to the code step, shared by validate and finish");
        Assert.That(jsonl[0].Messages.Select(m => m.Reward), Is.EqualTo(jsonl[1].Messages.Select(m => m.Reward)));
        Assert.That(jsonl.SelectMany(t => t.Messages).Where(m => m.Role == TrajectoryRole.Assistant).Select(m => m.Advantage), Has.All.EqualTo(0.0), "identical trajectories: nothing is better than the mean");
        Assert.That(jsonl[0].Metadata.GroupRewardStd, Is.Zero);

        Assert.That(outcome.Out, Does.Contain("every advantage is exactly 0"));
        Assert.That(outcome.Out, Does.Contain("the offline demo model is deterministic"));
    }

    [TestCase("--task", "999999", "The task '999999' is not in the built-in WebGen-Bench test set (101 tasks, from 000001 to 000101)")]
    [TestCase("--data", "/nonexistent/test.jsonl", "does not exist")]
    public async Task A_task_or_dataset_that_cannot_be_found_is_a_clear_error(string option, string value, string message)
    {
        using var temp = new TempDirectory();
        string[] args = option == "--data" ? ["--data", value, "--out", temp.Path] : ["--task", value, "--out", temp.Path];

        var outcome = await Samples.RunAsync((o, e) => RolloutsProgram.RunAsync(args, o, e, Samples.Offline(temp.Combine("runs"))), "StepGrpoRollouts " + string.Join(' ', args));

        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Error, Does.Contain(message));
        Assert.That(Directory.EnumerateFileSystemEntries(temp.Path), Is.Empty, "nothing was written");
    }

    [Test]
    public async Task A_parquet_training_split_is_read_for_its_instructions()
    {
        using var temp = new TempDirectory();
        var train = temp.Combine("train-00000-of-00001.parquet");
        await using (var file = File.Create(train))
        {
            await Parquet.Serialization.ParquetSerializer.SerializeAsync(
                Enumerable.Range(1, 3).Select(n => new TrainRow { Id = $"00000{n}", Instruction = $"Please implement a website number {n}.", Category = new TrainCategory { PrimaryCategory = "User Interaction" } }),
                file);
        }

        var outcome = await Samples.RunAsync((o, e) => RolloutsProgram.RunAsync(["--data", train, "--task", "4", "--out", temp.Combine("out")], o, e, Samples.Offline(temp.Combine("runs"))), "StepGrpoRollouts --data train.parquet --task 4");

        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Error, Does.Contain($"The task '4' is not in {train} (3 tasks, from 000001 to 000003)"), "the split loaded, test cases or not");
        Assert.That(Directory.Exists(temp.Combine("out")), Is.False);
    }

    [Test]
    public async Task A_group_size_below_1_is_refused_before_anything_runs()
    {
        using var temp = new TempDirectory();

        var outcome = await Samples.RunAsync((o, e) => RolloutsProgram.RunAsync(["-n", "0", "--out", temp.Path], o, e, Samples.Offline(temp.Combine("runs"))), "StepGrpoRollouts -n 0");

        Assert.That(outcome.ExitCode, Is.Not.Zero);
        Assert.That(outcome.Error, Does.Contain("--group-size must be at least 1."));
        Assert.That(Directory.EnumerateFileSystemEntries(temp.Path), Is.Empty);
    }

    private sealed class TrainRow
    {
        [System.Text.Json.Serialization.JsonPropertyName("id")]
        public string? Id { get; set; }

        [System.Text.Json.Serialization.JsonPropertyName("instruction")]
        public string? Instruction { get; set; }

        [System.Text.Json.Serialization.JsonPropertyName("Category")]
        public TrainCategory? Category { get; set; }
    }

    private sealed class TrainCategory
    {
        [System.Text.Json.Serialization.JsonPropertyName("primary_category")]
        public string? PrimaryCategory { get; set; }
    }

    private static async Task<List<Trajectory>> ReadAllAsync(string path)
    {
        var list = new List<Trajectory>();
        await foreach (var trajectory in TrajectoryFile.ReadAsync(path))
        {
            list.Add(trajectory);
        }

        return list;
    }
}
