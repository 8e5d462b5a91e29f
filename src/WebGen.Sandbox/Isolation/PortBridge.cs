using System.Net;
using System.Net.Sockets;

namespace WebGen.Sandbox.Isolation;

/// <summary>
/// The host side of a contained dev server: listens on 127.0.0.1 at the site's port and carries every connection —
/// page loads, modules, Vite's HMR websocket — over the unix socket that the relay inside the sandbox serves. The
/// server's own network namespace stays closed; the browser and the readiness probes see an ordinary local site.
/// A connection made before the relay is listening is closed at once, which the probes read as "not ready yet".
/// </summary>
internal sealed class PortBridge : SocketListener
{
    private readonly string _socketPath;

    private PortBridge(Socket listener, string socketPath)
        : base(listener)
    {
        _socketPath = socketPath;
        StartAccepting();
    }

    /// <summary>Listens on 127.0.0.1:<paramref name="port"/>. Throws <see cref="SocketException"/> when the port is taken.</summary>
    public static PortBridge Start(int port, string socketPath) =>
        new(Listen(new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp), new IPEndPoint(IPAddress.Loopback, port)), socketPath);

    protected override async Task ServeAsync(Socket client, Action<Socket> track)
    {
        client.NoDelay = true;
        var upstream = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        track(upstream);
        await upstream.ConnectAsync(new UnixDomainSocketEndPoint(_socketPath), Stopping).ConfigureAwait(false);
        await SocketPump.CarryAsync(client, upstream, Stopping).ConfigureAwait(false);
    }
}
