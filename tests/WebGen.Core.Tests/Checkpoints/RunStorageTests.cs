using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WebGen.Core.Tests.Agent;

namespace WebGen.Core.Tests.Checkpoints;

public sealed class RunStorageTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task Each_step_stores_what_changed_and_every_step_restores_its_exact_files()
    {
        // Step 1 writes a 20-file project; steps 2–10 each rewrite one of its files.
        var world = new ScriptedWorld();
        var answers = new List<string> { Answer(Enumerable.Range(0, 20).Select(i => ($"src/file{i}.js", Content(i, 0)))) };
        answers.AddRange(Enumerable.Range(1, 9).Select(step => Answer([($"src/file{step}.js", Content(step, step))])));
        answers.Add(ScriptedWorld.Finish);
        var runDirectory = _temp.Combine("runs", "growth");
        var seen = new Dictionary<int, Dictionary<string, string>>();

        await foreach (var e in world.Agent(FakeChatClient.Scripted([.. answers]), _temp).RunStreamingAsync(new WebGenRequest { Instruction = "site", RunDirectory = runDirectory }))
        {
            if (e is StepCompletedEvent { Record.Node.Kind: StepKind.Code } completed)
            {
                seen[completed.Step] = Directory.EnumerateFiles(Path.Combine(runDirectory, "workspace"), "*", SearchOption.AllDirectories)
                    .ToDictionary(f => Path.GetRelativePath(Path.Combine(runDirectory, "workspace"), f).Replace('\\', '/'), File.ReadAllText);
            }
        }

        var store = new RunCheckpointStore(runDirectory);
        var checkpoint = await store.LoadAsync(CancellationToken.None);
        var nodes = checkpoint.Steps.ToDictionary(s => s.Node.Step, s => s.Node);
        foreach (var (step, files) in seen)
        {
            var restored = await store.ReadFilesAsync(step, nodes, CancellationToken.None);
            Assert.That(restored.ToDictionary(f => f.Path, f => f.Content), Is.EquivalentTo(files), $"step {step}");
        }

        var projectBytes = seen[1].Values.Sum(v => Encoding.UTF8.GetByteCount(v));
        var blobBytes = Directory.EnumerateFiles(Path.Combine(runDirectory, "blobs"), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        var stepBytes = Directory.EnumerateFiles(Path.Combine(runDirectory, "steps"), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        TestContext.Out.WriteLine($"project {projectBytes} B, blobs {blobBytes} B, step folders {stepBytes} B, a full copy per step would be {projectBytes * seen.Count} B");
        Assert.That(blobBytes, Is.LessThan(projectBytes * 2), "file contents are stored once, plus the changed ones");
        Assert.That(Directory.EnumerateFiles(Path.Combine(runDirectory, "steps"), "files.json", SearchOption.AllDirectories), Is.Empty);
        Assert.That(Directory.EnumerateFiles(Path.Combine(runDirectory, "steps"), "messages.json", SearchOption.AllDirectories), Is.Empty);

        // The chat is stored as each step's additions: the last step's own file holds only its answer.
        var lastMessages = await File.ReadAllTextAsync(Path.Combine(Path.Combine(runDirectory, "steps", RunCheckpointStore.StepName(checkpoint.Steps.Count)), "new-messages.json"));
        Assert.That(JsonNode.Parse(lastMessages)!.AsArray(), Has.Count.EqualTo(1));
        var chat = await store.ReadMessagesAsync(checkpoint.Steps.Count, nodes, WebGenEnvironment.InitialMessages(checkpoint.Manifest), CancellationToken.None);
        Assert.That(chat, Has.Count.EqualTo(2 + (2 * 10) + 1));
        Assert.That(chat[^1].Text, Is.EqualTo(ScriptedWorld.Finish));
    }

    [Test]
    public async Task A_damaged_blob_is_reported_not_restored()
    {
        var runDirectory = _temp.Combine("runs", "damaged");
        await new ScriptedWorld().Agent(FakeChatClient.Scripted(ScriptedWorld.Code(4), ScriptedWorld.Finish), _temp).RunAsync(new WebGenRequest { Instruction = "site", RunDirectory = runDirectory });
        var blob = Directory.EnumerateFiles(Path.Combine(runDirectory, "blobs"), "*", SearchOption.AllDirectories).First();
        await File.WriteAllTextAsync(blob, "tampered");
        var store = new RunCheckpointStore(runDirectory);
        var checkpoint = await store.LoadAsync(CancellationToken.None);

        Assert.That(
            async () => await store.ReadFilesAsync(1, checkpoint.Steps.ToDictionary(s => s.Node.Step, s => s.Node), CancellationToken.None),
            Throws.InvalidOperationException.With.Message.Contains("does not match its hash"));
    }

    [Test]
    public async Task Run_directories_of_the_first_format_still_resume_backtrack_and_select()
    {
        // A run written as format 1 stored the whole chat and all files in every step; make one from a fresh run.
        var runDirectory = _temp.Combine("runs", "v1");
        var first = FakeChatClient.Scripted(ScriptedWorld.Code(4, gui: 1), ScriptedWorld.Code(1));
        var world = new ScriptedWorld();
        await using (var episode = await world.Agent(first, _temp).Environment.StartEpisodeAsync(new WebGenRequest { Instruction = "site", RunDirectory = runDirectory }))
        {
            await episode.StepAsync(ScriptedWorld.Code(4, gui: 1));
            await episode.StepAsync(ScriptedWorld.Code(1));
        }

        await ConvertToFormatOneAsync(runDirectory);

        // Resume with 4 more erroneous steps: the error limit backtracks to step 1 (a format-1 step), then finish.
        var model = FakeChatClient.Scripted(ScriptedWorld.Code(2), ScriptedWorld.Code(1), ScriptedWorld.Code(2), ScriptedWorld.Code(1), ScriptedWorld.Finish);
        var resumedWorld = new ScriptedWorld();
        var result = await resumedWorld.Agent(model, _temp).ResumeAsync(runDirectory);

        Assert.That(model.Calls[0], Has.Count.EqualTo(6), "the format-1 chat of step 2 was read back");
        Assert.That(result.Steps, Has.Count.EqualTo(7));
        Assert.That(result.Steps[6].Node.Parent, Is.EqualTo(1), "the run backtracked to the format-1 step 1");
        Assert.That(model.Calls[4], Has.Count.EqualTo(4), "the chat after backtracking is step 1's, from its format-1 file");
        Assert.That(result.Chosen!.Step, Is.EqualTo(7));
        Assert.That(result.Files.Single(f => f.Path == "grade.txt").Content, Is.EqualTo("4\n"));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(runDirectory, "workspace", "grade.txt")), Is.EqualTo("4\n"));
    }

    [Test]
    public async Task A_finished_run_drops_node_modules_without_following_links_unless_asked_to_keep_them()
    {
        var outside = _temp.Combine("outside");
        Directory.CreateDirectory(outside);
        await File.WriteAllTextAsync(Path.Combine(outside, "keep.txt"), "HOST-MARKER");

        var dropped = await RunWithInstalledDependenciesAsync("dropped", outside, keep: false, nodeModulesIsLink: false);
        var linked = await RunWithInstalledDependenciesAsync("linked", outside, keep: false, nodeModulesIsLink: true);
        var kept = await RunWithInstalledDependenciesAsync("kept", outside, keep: true, nodeModulesIsLink: false);

        Assert.That(Directory.Exists(Path.Combine(dropped, "node_modules")), Is.False);
        Assert.That(Directory.Exists(Path.Combine(dropped, ".node_modules.seeding-1")), Is.False);
        Assert.That(File.Exists(Path.Combine(dropped, "grade.txt")), Is.True, "the site's own files stay");
        Assert.That(Path.Exists(Path.Combine(linked, "node_modules")), Is.False);
        Assert.That(File.Exists(Path.Combine(kept, "node_modules", "react", "index.js")), Is.True);
        Assert.That(await File.ReadAllTextAsync(Path.Combine(outside, "keep.txt")), Is.EqualTo("HOST-MARKER"), "links inside or instead of node_modules are not followed");
    }

    private async Task<string> RunWithInstalledDependenciesAsync(string name, string outside, bool keep, bool nodeModulesIsLink)
    {
        var sandbox = new FakeSandbox(session =>
        {
            var nodeModules = Path.Combine(session.WorkspacePath, "node_modules");
            if (nodeModulesIsLink)
            {
                Directory.CreateSymbolicLink(nodeModules, outside);
            }
            else
            {
                Directory.CreateDirectory(Path.Combine(nodeModules, "react"));
                File.WriteAllText(Path.Combine(nodeModules, "react", "index.js"), "module.exports = {}");
                Directory.CreateSymbolicLink(Path.Combine(nodeModules, "host"), outside);
                Directory.CreateDirectory(Path.Combine(session.WorkspacePath, ".node_modules.seeding-1"));
            }

            return FakeSandbox.Running(new Uri("http://127.0.0.1:9/?grade=4"));
        });
        var world = new ScriptedWorld();
        var components = new WebGenComponents { Sandbox = sandbox, PageCapturer = world.Capturer, ScreenshotJudge = world.Judge, GuiTester = world.GuiTester };
        var runDirectory = _temp.Combine("runs", name);
        var agent = new WebGenAgent(FakeChatClient.Scripted(ScriptedWorld.Code(4), ScriptedWorld.Finish), components, new WebGenAgentOptions { KeepNodeModules = keep });
        await agent.RunAsync(new WebGenRequest { Instruction = "site", RunDirectory = runDirectory });
        return Path.Combine(runDirectory, "workspace");
    }

    private static string Answer(IEnumerable<(string Path, string Content)> files) =>
        "<boltArtifact id=\"site\" title=\"Site\"><boltAction type=\"file\" filePath=\"grade.txt\">4</boltAction>"
        + string.Concat(files.Select(f => $"<boltAction type=\"file\" filePath=\"{f.Path}\">{f.Content}</boltAction>"))
        + "</boltArtifact>";

    private static string Content(int file, int version) => $"// file {file}, version {version}\n" + string.Concat(Enumerable.Repeat($"export const value{file} = {version};\n", 80));

    /// <summary>Rewrites a run directory the way format 1 stored it: the whole chat and all files in every step, no blobs.</summary>
    private static async Task ConvertToFormatOneAsync(string runDirectory)
    {
        var store = new RunCheckpointStore(runDirectory);
        var checkpoint = await store.LoadAsync(CancellationToken.None);
        var nodes = checkpoint.Steps.ToDictionary(s => s.Node.Step, s => s.Node);
        var initial = WebGenEnvironment.InitialMessages(checkpoint.Manifest);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true };
        foreach (var step in checkpoint.Steps)
        {
            var folder = Path.Combine(runDirectory, "steps", RunCheckpointStore.StepName(step.Node.Step));
            var messages = await store.ReadMessagesAsync(step.Node.Step, nodes, initial, CancellationToken.None);
            await File.WriteAllTextAsync(Path.Combine(folder, "messages.json"), JsonSerializer.Serialize(messages, options));
            File.Delete(Path.Combine(folder, "new-messages.json"));
            if (File.Exists(Path.Combine(folder, "tree.json")))
            {
                var files = await store.ReadFilesAsync(step.Node.Step, nodes, CancellationToken.None);
                await File.WriteAllTextAsync(Path.Combine(folder, "files.json"), JsonSerializer.Serialize(files, options));
                File.Delete(Path.Combine(folder, "tree.json"));
            }
        }

        Directory.Delete(Path.Combine(runDirectory, "blobs"), recursive: true);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(runDirectory, "run.json")))!;
        manifest["formatVersion"] = 1;
        await File.WriteAllTextAsync(Path.Combine(runDirectory, "run.json"), manifest.ToJsonString());
    }
}
