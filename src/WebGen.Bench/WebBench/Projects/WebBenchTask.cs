namespace WebGen.Bench;

/// <summary>One task of a Web-Bench project (a line of its <c>tasks.jsonl</c>): implement it, then its tests and every earlier task's must pass.</summary>
public sealed record class WebBenchTask
{
    /// <summary>The task's id as the benchmark writes it (<c>task-1</c> … <c>task-20</c>; <c>init</c> for the starting files' own task, if listed).</summary>
    public required string Id { get; init; }

    /// <summary>The task's position: 1 for <c>task-1</c>; 0 for <c>init</c>.</summary>
    public int Number { get; init; }

    /// <summary>What to implement, as given to the model.</summary>
    public required string Description { get; init; }

    /// <summary>The benchmark's difficulty label (<c>easy</c>, <c>moderate</c>, <c>challenging</c>), if any.</summary>
    public string? Level { get; init; }
}
