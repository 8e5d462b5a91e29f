using System.Runtime.CompilerServices;

namespace WebGen.Agents.Tests;

/// <summary>An in-memory <see cref="IWebGenAgent"/> for unit tests of the adapter: records requests and replays a fixed run.</summary>
internal sealed class ScriptedWebGenAgent : IWebGenAgent
{
    public List<WebGenRequest> Requests { get; } = [];

    public List<string> Resumed { get; } = [];

    public Func<CancellationToken, Task>? BeforeCompletion { get; init; }

    public async IAsyncEnumerable<WebGenEvent> RunStreamingAsync(WebGenRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Requests.Add(request);
        await foreach (var e in ReplayAsync(request.RunId ?? "run-1", request.Instruction, false, cancellationToken))
        {
            yield return e;
        }
    }

    public async IAsyncEnumerable<WebGenEvent> ResumeStreamingAsync(string runDirectory, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Resumed.Add(runDirectory);
        await foreach (var e in ReplayAsync(Path.GetFileName(runDirectory), "resumed", true, cancellationToken))
        {
            yield return e;
        }
    }

    private async IAsyncEnumerable<WebGenEvent> ReplayAsync(string id, string instruction, bool resume, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var directory = "/runs/" + id;
        yield return new RunStartedEvent { RunId = id, Instruction = instruction, RunDirectory = directory, IsResume = resume };
        yield return new StepStartedEvent { RunId = id, Step = 1 };
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
        var code = new StepRecord
        {
            Node = new StepNode { Step = 1, Kind = StepKind.Code, ScreenshotGrade = 4 },
            ModelOutput = "<boltArtifact/>",
            Capture = new PageCapture { Url = new Uri("http://127.0.0.1:1/"), Png = png, Width = 1024, Height = 768 },
        };
        yield return new StepCompletedEvent { RunId = id, Step = 1, Record = code };
        var validate = new StepRecord { Node = new StepNode { Step = 2, Parent = 1, Kind = StepKind.Validate, ScreenshotGrade = 4, GuiGrade = 5 }, ModelOutput = "validated" };
        yield return new StepCompletedEvent { RunId = id, Step = 2, Record = validate };
        if (BeforeCompletion is not null)
        {
            await BeforeCompletion(cancellationToken);
        }

        yield return new RunCompletedEvent
        {
            RunId = id,
            Step = 2,
            Result = new WebGenResult
            {
                RunId = id,
                Instruction = instruction,
                RunDirectory = directory,
                WorkspacePath = directory + "/workspace",
                Chosen = validate.Node,
                SelectionReason = "highest GUI grade",
                Files = [new WorkspaceFile { Path = "index.html", Content = "<html></html>" }],
                Steps = [code, validate],
                StopReason = WebGenStopReason.Finished,
            },
        };
    }
}
