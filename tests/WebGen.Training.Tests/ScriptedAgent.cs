using System.Runtime.CompilerServices;

namespace WebGen.Training.Tests;

/// <summary>
/// A fake agent that plays scripted step records: it streams a StepCompletedEvent per step and a RunCompletedEvent,
/// after an optional asynchronous hook (to block, throw or observe concurrency).
/// </summary>
internal sealed class ScriptedAgent(Func<WebGenRequest, CancellationToken, Task<IReadOnlyList<StepRecord>>> script, bool completes = true) : IWebGenAgent, IDisposable
{
    public List<WebGenRequest> Requests { get; } = [];

    public bool Disposed { get; private set; }

    public static ScriptedAgent Playing(params StepRecord[] steps) => new((_, _) => Task.FromResult<IReadOnlyList<StepRecord>>(steps));

    public async IAsyncEnumerable<WebGenEvent> RunStreamingAsync(WebGenRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        lock (Requests)
        {
            Requests.Add(request);
        }

        var runId = request.RunId ?? "run";
        yield return new RunStartedEvent { RunId = runId, Instruction = request.Instruction, RunDirectory = request.RunDirectory ?? "/tmp/" + runId };
        var steps = await script(request, cancellationToken);
        foreach (var step in steps)
        {
            yield return new StepCompletedEvent { RunId = runId, Step = step.Node.Step, Record = step };
        }

        if (completes)
        {
            yield return new RunCompletedEvent { RunId = runId, Result = Steps.Result(runId, [.. steps]) with { Instruction = request.Instruction } };
        }
    }

    public IAsyncEnumerable<WebGenEvent> ResumeStreamingAsync(string runDirectory, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The scripted agent does not resume.");

    public void Dispose() => Disposed = true;
}
