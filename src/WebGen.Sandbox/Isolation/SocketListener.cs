using System.Collections.Concurrent;
using System.Net.Sockets;

namespace WebGen.Sandbox.Isolation;

/// <summary>
/// A listening socket that serves each connection on its own task until disposed; disposal closes the listener and
/// every connection still open. The bridge and the egress proxy differ only in how they serve a connection.
/// </summary>
internal abstract class SocketListener : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _accepting = Task.CompletedTask;

    protected SocketListener(Socket listener)
    {
        _listener = listener;
    }

    /// <summary>Cancelled when the listener is disposed.</summary>
    protected CancellationToken Stopping => _stop.Token;

    /// <summary>Binds <paramref name="listener"/> to <paramref name="endpoint"/> and listens; disposes it when that fails.</summary>
    protected static Socket Listen(Socket listener, System.Net.EndPoint endpoint)
    {
        try
        {
            listener.Bind(endpoint);
            listener.Listen(512);
            return listener;
        }
        catch
        {
            listener.Dispose();
            throw;
        }
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
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts accepting; called once by the derived class when it is ready.</summary>
    protected void StartAccepting() => _accepting = AcceptAsync();

    /// <summary>Serves one accepted connection; <paramref name="track"/> registers further sockets disposal must close.</summary>
    protected abstract Task ServeAsync(Socket client, Action<Socket> track);

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

            _ = ServeTrackedAsync(client);
        }
    }

    private async Task ServeTrackedAsync(Socket client)
    {
        var tracked = new List<Socket> { client };
        _open.TryAdd(client, 0);
        try
        {
            await ServeAsync(client, socket =>
            {
                tracked.Add(socket);
                _open.TryAdd(socket, 0);
            }).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException or ObjectDisposedException or InvalidDataException)
        {
            // One side went away, or the request could not be served: closing says so.
        }
        finally
        {
            foreach (var socket in tracked)
            {
                _open.TryRemove(socket, out _);
                socket.Dispose();
            }
        }
    }
}
