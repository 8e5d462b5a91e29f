using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace WebGen.Sandbox.Isolation;

/// <summary>
/// The host side of a contained dev server: listens on 127.0.0.1 at the site's port and carries every connection —
/// page loads, modules, Vite's HMR websocket — over the unix socket that the relay inside the sandbox serves. The
/// server's own network namespace stays closed; the browser and the readiness probes see an ordinary local site.
/// A connection made before the relay is listening is closed at once, which the probes read as "not ready yet".
/// </summary>
internal sealed class PortBridge : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly string _socketPath;
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private PortBridge(Socket listener, string socketPath)
    {
        _listener = listener;
        _socketPath = socketPath;
        _accepting = AcceptAsync();
    }

    /// <summary>Listens on 127.0.0.1:<paramref name="port"/>. Throws <see cref="SocketException"/> when the port is taken.</summary>
    public static PortBridge Start(int port, string socketPath)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        return new PortBridge(listener, socketPath);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        foreach (var socket in _open.Keys)
        {
            socket.Dispose();
        }

        try
        {
            await _accepting.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            _ = CarryAsync(client);
        }
    }

    private async Task CarryAsync(Socket client)
    {
        var upstream = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _open.TryAdd(client, 0);
        _open.TryAdd(upstream, 0);
        try
        {
            client.NoDelay = true;
            await upstream.ConnectAsync(new UnixDomainSocketEndPoint(_socketPath), _stop.Token).ConfigureAwait(false);
            await SocketPump.CarryAsync(client, upstream, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The relay is not up yet, or one side went away: closing the other side says so.
        }
        finally
        {
            _open.TryRemove(client, out _);
            _open.TryRemove(upstream, out _);
            client.Dispose();
            upstream.Dispose();
        }
    }
}
