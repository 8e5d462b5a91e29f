using Microsoft.Extensions.Options;

namespace WebGen.Mcp;

/// <summary>Bounds the runs the tools start at once (<see cref="WebGenMcpOptions.MaxConcurrentRuns"/>): each one runs a site and a browser.</summary>
internal sealed class McpRunGate(IOptions<WebGenMcpOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentRuns, options.Value.MaxConcurrentRuns);

    /// <summary>Waits for a slot; the returned lease frees it.</summary>
    public async Task<IDisposable> EnterAsync(Action waiting, CancellationToken cancellationToken)
    {
        if (!await _slots.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            waiting();
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return new Lease(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Lease(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
