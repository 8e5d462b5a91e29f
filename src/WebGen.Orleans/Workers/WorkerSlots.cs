namespace WebGen.Orleans;

/// <summary>One worker silo's episode slots (<see cref="IWebGenCluster.GetWorkersAsync"/>).</summary>
[GenerateSerializer]
[Immutable]
public sealed record class WorkerSlots
{
    /// <summary>The silo's address.</summary>
    [Id(0)]
    public required string Silo { get; init; }

    /// <summary>The slots it declared.</summary>
    [Id(1)]
    public int Capacity { get; init; }

    /// <summary>The run ids of the episodes it runs now.</summary>
    [Id(2)]
    public IReadOnlyList<string> Running { get; init; } = [];

    /// <summary>Slots reserved for episodes about to start.</summary>
    [Id(3)]
    public int Reserved { get; init; }

    /// <summary>Slots neither running nor reserved.</summary>
    public int Free => Math.Max(0, Capacity - Running.Count - Reserved);
}
