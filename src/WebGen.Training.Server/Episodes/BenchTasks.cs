using WebGen.Bench;

namespace WebGen.Training.Server;

/// <summary>
/// The WebGen-Bench test set bundled with WebGen.Bench (the one <c>webgen bench</c> runs by default), loaded once on first
/// use, so a start request may name a task instead of spelling out its instruction.
/// </summary>
internal sealed class BenchTasks
{
    /// <summary>The label the run carries with its task id, as <c>webgen bench</c> labels its runs.</summary>
    public const string TaskLabel = "webgen-bench.task";

    private readonly Lazy<Task<BenchDataset>> _dataset = new(() => BenchDataset.LoadDefaultAsync(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The task with this id (<c>2</c> and <c>000002</c> both name task 000002), or null, with the ids there are.</summary>
    public async Task<(BenchTask? Task, string Range)> FindAsync(string id, CancellationToken cancellationToken)
    {
        var dataset = await _dataset.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        return (dataset.Find(id), dataset.Tasks.Count == 0 ? "none" : $"{dataset.Tasks[0].Id}–{dataset.Tasks[^1].Id}");
    }
}
