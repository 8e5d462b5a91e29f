using System.Net.Sockets;

namespace WebGen.Sandbox.Isolation;

/// <summary>Copies bytes between two connected sockets, both directions, until both ends are done.</summary>
internal static class SocketPump
{
    private const int BufferSize = 64 * 1024;

    /// <summary>Carries both directions; when one side ends, the other side sees the end (half-close); a reset ends both.</summary>
    public static Task CarryAsync(Socket a, Socket b, CancellationToken cancellationToken) =>
        Task.WhenAll(OneWayAsync(a, b, cancellationToken), OneWayAsync(b, a, cancellationToken));

    private static async Task OneWayAsync(Socket from, Socket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
