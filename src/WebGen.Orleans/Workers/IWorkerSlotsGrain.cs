namespace WebGen.Orleans;

/// <summary>A silo's slot ledger seen from the cluster: one activation per silo, pinned to it (keyed by its address).</summary>
internal interface IWorkerSlotsGrain : IGrainWithStringKey
{
    Task<WorkerSlots> GetAsync();

    Task<bool> TryReserveAsync(string runId);
}
