using Orleans.Runtime;

namespace WebGen.Orleans;

[SiloPinnedPlacement]
internal sealed class WorkerSlotsGrain(SlotLedger ledger, ILocalSiloDetails silo) : Grain, IWorkerSlotsGrain
{
    public Task<WorkerSlots> GetAsync() => Task.FromResult(ledger.Snapshot(silo.SiloAddress.ToParsableString()));

    public Task<bool> TryReserveAsync(string runId) => Task.FromResult(ledger.TryReserve(runId));
}
