using Microsoft.Extensions.Options;

namespace WebGen.Orleans;

/// <summary>
/// The silo's episode slots: who holds them. Reserved by a client before it places an episode here, claimed by the
/// episode when it starts, released when it ends. The episode grain runs only with a claimed slot, so a silo never
/// runs more episodes than it declared, whatever placement decided.
/// </summary>
internal sealed class SlotLedger(IOptions<WebGenWorkerOptions> options, TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DateTimeOffset?> _holders = new(StringComparer.Ordinal);

    public int Capacity { get; } = options.Value.Slots;

    /// <summary>Holds a slot for <paramref name="runId"/> until it is claimed or the reservation times out.</summary>
    public bool TryReserve(string runId)
    {
        lock (_lock)
        {
            Purge();
            if (_holders.ContainsKey(runId))
            {
                return true;
            }

            if (_holders.Count >= Capacity)
            {
                return false;
            }

            _holders[runId] = timeProvider.GetUtcNow();
            return true;
        }
    }

    /// <summary>Takes the slot reserved for <paramref name="runId"/>, or a free one.</summary>
    public bool TryClaim(string runId)
    {
        lock (_lock)
        {
            Purge();
            if (!_holders.ContainsKey(runId) && _holders.Count >= Capacity)
            {
                return false;
            }

            _holders[runId] = null;
            return true;
        }
    }

    public void Release(string runId)
    {
        lock (_lock)
        {
            _holders.Remove(runId);
        }
    }

    public WorkerSlots Snapshot(string silo)
    {
        lock (_lock)
        {
            Purge();
            return new WorkerSlots
            {
                Silo = silo,
                Capacity = Capacity,
                Running = [.. _holders.Where(h => h.Value is null).Select(h => h.Key).Order(StringComparer.Ordinal)],
                Reserved = _holders.Count(h => h.Value is not null),
            };
        }
    }

    private void Purge()
    {
        var expired = timeProvider.GetUtcNow() - options.Value.ReservationTimeout;
        foreach (var (runId, reservedAt) in _holders.ToList())
        {
            if (reservedAt is { } at && at < expired)
            {
                _holders.Remove(runId);
            }
        }
    }
}
