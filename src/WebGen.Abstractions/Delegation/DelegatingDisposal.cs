namespace WebGen;

/// <summary>How a delegating part disposes the part it wraps.</summary>
internal static class DelegatingDisposal
{
    public static ValueTask DisposeAsync(object inner)
    {
        switch (inner)
        {
            case IAsyncDisposable asyncDisposable:
                return asyncDisposable.DisposeAsync();
            case IDisposable disposable:
                disposable.Dispose();
                return ValueTask.CompletedTask;
            default:
                return ValueTask.CompletedTask;
        }
    }
}
