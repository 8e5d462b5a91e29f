using Microsoft.Extensions.AI;

namespace WebGen.Core.Tests.Agent;

/// <summary>
/// Runs that continue an existing project (<see cref="WebGenRequest.StartingFiles"/>, <see cref="WebGenRequest.StartingDirectory"/>):
/// the first step starts from the files, the model sees them, checkpoints keep them and backtracking never goes behind them.
/// </summary>
public sealed class ContinueProjectTests
{
    private static readonly WorkspaceFile[] Project =
    [
        new() { Path = "index.html", Content = "<!doctype html><script type=\"module\" src=\"/src/app.js\"></script>\n" },
        new() { Path = "src/app.js", Content = "export const greeting = 'hello from the existing project';\n" },
        new() { Path = "package-lock.json", Content = "{ \"lockfileVersion\": 3, \"generated\": \"noise the model never needs\" }\n" },
    ];

    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public async Task The_first_step_starts_from_the_files_and_the_model_sees_the_tree_and_contents()
    {
        var world = new ScriptedWorld();
        var model = FakeChatClient.Scripted(ScriptedWorld.Code(4), ScriptedWorld.Finish);

        var result = await world.Agent(model, _temp).RunAsync(new WebGenRequest { Instruction = "Make the greeting louder", StartingFiles = Project });

        var first = model.Calls[0];
        Assert.That(first.Select(m => m.Role), Is.EqualTo(new[] { ChatRole.System, ChatRole.User }));
        var shown = first[1].Text;
        Assert.That(shown, Does.StartWith("Make the greeting louder"));
        Assert.That(shown, Does.Contain("Project files (3):").And.Contain("- src/app.js (").And.Contain("- package-lock.json ("));
        Assert.That(shown, Does.Contain("--- src/app.js ---\n" + Project[1].Content).And.Contain("--- index.html ---"));
        Assert.That(shown, Does.Not.Contain("noise the model never needs"), "lockfiles are listed, never shown");
        Assert.That(world.Sandbox.Sessions.Single().EnsureRunningCalls, Is.EqualTo(1));
        Assert.That(result.Files.Select(f => f.Path), Is.EquivalentTo(new[] { "gui.txt", "grade.txt", "index.html", "package-lock.json", "src/app.js" }), "the step's snapshot holds the starting files and the model's");
        Assert.That(File.ReadAllText(Path.Combine(result.WorkspacePath, "src", "app.js")), Is.EqualTo(Project[1].Content));
        var manifest = (await RunCheckpoint.LoadAsync(result.RunDirectory)).Manifest;
        Assert.That(manifest.StartingFileCount, Is.EqualTo(3));
        Assert.That(manifest.Instruction, Is.EqualTo("Make the greeting louder"), "the instruction stays the user's; the project is in StartingContext");
        Assert.That(result.OpeningMessage, Is.EqualTo(shown), "the result records the opening message as the model saw it (trajectories export it)");
    }

    [Test]
    public async Task Starting_over_restores_the_starting_files_not_an_empty_workspace()
    {
        var world = new ScriptedWorld();
        var model = FakeChatClient.Scripted(
            ScriptedWorld.Code(1), ScriptedWorld.Code(1), ScriptedWorld.Code(1), ScriptedWorld.Code(1), ScriptedWorld.Code(1), ScriptedWorld.Finish);
        string? workspace = null;
        List<string>? atBacktrack = null;
        WebGenResult? result = null;

        await foreach (var e in world.Agent(model, _temp).RunStreamingAsync(new WebGenRequest { Instruction = "site", StartingFiles = Project }))
        {
            switch (e)
            {
                case RunStartedEvent started:
                    workspace = Path.Combine(started.RunDirectory, "workspace");
                    break;
                case BacktrackedEvent backtracked:
                    Assert.That(backtracked.ToStep, Is.Null, "no step is valid, so the run starts over");
                    atBacktrack = Files(workspace!);
                    break;
                case RunCompletedEvent completed:
                    result = completed.Result;
                    break;
            }
        }

        Assert.That(atBacktrack, Is.EqualTo(new[] { "index.html", "package-lock.json", "src/app.js" }), "the model's grade.txt and gui.txt are gone, the project is back");
        Assert.That(File.ReadAllText(Path.Combine(workspace!, "src", "app.js")), Is.EqualTo(Project[1].Content));
        Assert.That(model.Calls[5][1].Text, Does.Contain("--- src/app.js ---"), "the restarted chat shows the project again");
        Assert.That(result!.Steps[5].Node.Parent, Is.Null);
    }

    [Test]
    public async Task A_run_that_ends_before_any_step_returns_the_starting_files()
    {
        var environment = new ScriptedWorld().Agent(FakeChatClient.Scripted(), _temp).Environment;
        await using var episode = await environment.StartEpisodeAsync(new WebGenRequest { Instruction = "site", StartingFiles = Project });

        var result = await episode.CompleteAsync(WebGenStopReason.MaxIterations);

        Assert.That(result.Chosen, Is.Null);
        Assert.That(result.Files.Select(f => (f.Path, f.Content)), Is.EquivalentTo(Project.Select(f => (f.Path, f.Content))));
    }

    [Test]
    public async Task Resume_restores_the_starting_files_and_the_first_message()
    {
        var world = new ScriptedWorld();
        var runDir = _temp.Combine("runs", "continue");
        var environment = world.Agent(FakeChatClient.Scripted(), _temp).Environment;
        var episode = await environment.StartEpisodeAsync(new WebGenRequest { Instruction = "Make the greeting louder", RunDirectory = runDir, StartingFiles = Project });
        await episode.DisposeAsync(); // the process dies before step 1
        File.Delete(Path.Combine(runDir, "workspace", "src", "app.js"));
        File.WriteAllText(Path.Combine(runDir, "workspace", "index.html"), "half-written by a crashed step");

        var model = FakeChatClient.Scripted(ScriptedWorld.Code(4), ScriptedWorld.Finish);
        var result = await new ScriptedWorld().Agent(model, _temp).ResumeAsync(runDir);

        Assert.That(model.Calls[0][1].Text, Does.StartWith("Make the greeting louder").And.Contain("--- src/app.js ---\n" + Project[1].Content));
        Assert.That(result.Files.Single(f => f.Path == "src/app.js").Content, Is.EqualTo(Project[1].Content));
        Assert.That(result.Files.Single(f => f.Path == "index.html").Content, Is.EqualTo(Project[0].Content));
        Assert.That(File.Exists(Path.Combine(runDir, "starting-files.json")), Is.True);
    }

    [Test]
    public async Task A_starting_directory_is_read_without_dependencies_and_its_binary_files_are_copied()
    {
        var source = _temp.Combine("existing-site");
        Write(source, "src/main.js", "console.log('mine');\n");
        Write(source, "node_modules/left-pad/index.js", "module.exports = 1;\n");
        Write(source, ".git/config", "[core]\n");
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02];
        File.WriteAllBytes(Path.Combine(source, "logo.png"), png);
        var world = new ScriptedWorld();
        var model = FakeChatClient.Scripted(ScriptedWorld.Code(4), ScriptedWorld.Finish);

        var result = await world.Agent(model, _temp).RunAsync(new WebGenRequest
        {
            Instruction = "Add a footer",
            StartingDirectory = source,
            StartingFiles = [new WorkspaceFile { Path = "src/main.js", Content = "console.log('given wins');\n" }],
        });

        Assert.That(Files(result.WorkspacePath), Is.EqualTo(new[] { "grade.txt", "gui.txt", "logo.png", "src/main.js" }));
        Assert.That(File.ReadAllBytes(Path.Combine(result.WorkspacePath, "logo.png")), Is.EqualTo(png));
        Assert.That(File.ReadAllText(Path.Combine(result.WorkspacePath, "src", "main.js")), Is.EqualTo("console.log('given wins');\n"), "StartingFiles override the directory's");
        Assert.That(model.Calls[0][1].Text, Does.Contain("Project files (1):"), "binary files are copied, not shown");
        Assert.That(File.ReadAllText(Path.Combine(source, "src", "main.js")), Is.EqualTo("console.log('mine');\n"), "the starting directory is never written");
    }

    [Test]
    public async Task Starting_files_the_jail_refuses_fail_the_start_naming_each_one()
    {
        var world = new ScriptedWorld();
        var runDir = _temp.Combine("runs", "refused");
        var request = new WebGenRequest
        {
            Instruction = "site",
            RunDirectory = runDir,
            StartingFiles = [Project[0], new WorkspaceFile { Path = "../outside.js", Content = "x" }, new WorkspaceFile { Path = ".npmrc", Content = "registry=http://evil" }],
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await world.Agent(FakeChatClient.Scripted(), _temp).RunAsync(request));

        Assert.That(error!.Message, Does.Contain("../outside.js").And.Contain(".npmrc"));
        Assert.That(File.Exists(Path.Combine(runDir, "run.json")), Is.False);
        Assert.That(Directory.Exists(Path.Combine(runDir, "workspace")), Is.False, "nothing of the refused start is left to merge into a later one");
        Assert.That(File.Exists(_temp.Combine("runs", "outside.js")), Is.False);
        Assert.That(world.Sandbox.Sessions, Is.Empty);
    }

    [Test]
    public void A_missing_starting_directory_is_a_clear_error()
    {
        var request = new WebGenRequest { Instruction = "site", StartingDirectory = _temp.Combine("nowhere") };

        Assert.That(
            async () => await new ScriptedWorld().Agent(FakeChatClient.Scripted(), _temp).RunAsync(request),
            Throws.ArgumentException.With.Message.Contains("StartingDirectory").And.Message.Contains("nowhere"));
    }

    [Test]
    public void The_description_shows_whole_files_the_instruction_names_first_within_the_budget()
    {
        WorkspaceFile[] files =
        [
            new() { Path = "package.json", Content = "{\"name\":\"shop\"}" },
            new() { Path = "src/App.jsx", Content = new string('a', 300) },
            new() { Path = "src/components/Cart.jsx", Content = new string('c', 400) },
            new() { Path = "src/util.js", Content = new string('u', 100) },
            new() { Path = "README.bin", Content = new string('r', 50) },
        ];

        var text = StartingProject.Describe(files, "Fix the total in Cart.jsx", budget: 600);

        Assert.That(text, Does.Contain("--- src/components/Cart.jsx ---"), "the file the instruction names comes first");
        Assert.That(text, Does.Contain("--- package.json ---"), "then the manifest, which still fits");
        Assert.That(text, Does.Not.Contain("--- src/App.jsx ---"), "a file that does not fit whole is not shown at all");
        Assert.That(text, Does.Not.Contain(new string('a', 10)));
        Assert.That(text, Does.Contain("Not shown for length (").And.Contain("src/App.jsx"));
        Assert.That(text, Does.Contain("Project files (5):"));
        foreach (var file in files)
        {
            Assert.That(text, Does.Contain("- " + file.Path + " ("), "every path is in the tree");
        }
    }

    [Test]
    public async Task A_model_over_the_OpenAI_protocol_changes_one_file_of_the_project_and_the_rest_stays()
    {
        const string change = "<boltArtifact id=\"site\" title=\"Site\"><boltAction type=\"file\" filePath=\"src/app.js\">export const greeting = 'HELLO FROM THE EXISTING PROJECT';\n</boltAction><boltAction type=\"file\" filePath=\"grade.txt\">4</boltAction></boltArtifact>";
        await using var server = await OpenAICompatibleServer.StartAsync(call => ScriptedReply.Text(call.Messages.Count == 2 ? change : ScriptedWorld.Finish));
        var world = new ScriptedWorld();
        var agent = new WebGenAgent(server.CreateChatClient(), world.Components(), new WebGenAgentOptions { RunsDirectory = _temp.Combine("runs") });

        var result = await agent.RunAsync(new WebGenRequest { Instruction = "Make the greeting louder", StartingFiles = Project });

        var first = server.Calls[0];
        Assert.That(first.Messages.Select(m => m.Role), Is.EqualTo(new[] { "system", "user" }));
        Assert.That(first.LastUserText, Does.StartWith("Make the greeting louder").And.Contain("- index.html (").And.Contain("--- src/app.js ---\n" + Project[1].Content));
        Assert.That(server.Calls, Has.Count.EqualTo(2));
        Assert.That(result.StopReason, Is.EqualTo(WebGenStopReason.Finished));
        Assert.That(result.Files.Single(f => f.Path == "src/app.js").Content, Does.Contain("HELLO FROM THE EXISTING PROJECT"));
        Assert.That(result.Files.Single(f => f.Path == "index.html").Content, Is.EqualTo(Project[0].Content), "a file the model did not write stays as it was");
    }

    private static List<string> Files(string root) =>
        [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    private static void Write(string root, string relative, string content)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
