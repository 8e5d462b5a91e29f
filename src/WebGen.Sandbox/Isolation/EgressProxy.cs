using System.Net.Sockets;
using System.Text;

namespace WebGen.Sandbox.Isolation;

/// <summary>
/// The only way out of an install stage's network namespace: an HTTP proxy on a unix socket (reached through the
/// relay inside) that lets through only the package registries npm is configured with (and
/// <see cref="LocalSandboxOptions.InstallHosts"/>). npm tunnels HTTPS with <c>CONNECT host:port</c>; plain-HTTP
/// registries are forwarded request by request. Everything else — the host's loopback services, the cloud metadata
/// address, the internet — gets <c>403</c> with a sentence the model can act on. When the host itself needs a proxy,
/// allowed connections go through it.
/// </summary>
internal sealed class EgressProxy : SocketListener
{
    private const int MaxHeadBytes = 16 * 1024;

    private readonly HashSet<string> _allowed;
    private readonly Uri? _upstream;

    private EgressProxy(Socket listener, IEnumerable<string> allowed, Uri? upstream)
        : base(listener)
    {
        _allowed = new HashSet<string>(allowed, StringComparer.OrdinalIgnoreCase);
        _upstream = upstream;
        StartAccepting();
    }

    /// <summary>The <c>host:port</c> endpoints that are let through.</summary>
    public IReadOnlyCollection<string> Allowed => _allowed;

    /// <summary>Listens on the unix socket <paramref name="socketPath"/>.</summary>
    /// <param name="socketPath">Where the relay connects.</param>
    /// <param name="allowed">The <c>host:port</c> endpoints to let through.</param>
    /// <param name="upstream">The host's own HTTP proxy, if it needs one.</param>
    public static EgressProxy Start(string socketPath, IEnumerable<string> allowed, Uri? upstream)
    {
        File.Delete(socketPath);
        return new EgressProxy(Listen(new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified), new UnixDomainSocketEndPoint(socketPath)), allowed, upstream);
    }

    /// <summary>The <c>host:port</c> of a registry address (<c>https://registry.npmjs.org/</c> → <c>registry.npmjs.org:443</c>).</summary>
    public static string? Endpoint(string address)
    {
        if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return $"{uri.IdnHost}:{uri.Port}";
        }

        var parts = address.Split(':');
        return parts.Length switch
        {
            1 when address.Length > 0 => $"{address}:443",
            2 when int.TryParse(parts[1], out _) => address,
            _ => null,
        };
    }

    protected override async Task ServeAsync(Socket client, Action<Socket> track)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Stopping);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var (head, remainder) = await ReadHeadAsync(client, timeout.Token).ConfigureAwait(false);
        var requestLine = head.Split("\r\n", 2)[0];
        var words = requestLine.Split(' ');
        if (words.Length != 3)
        {
            await RefuseAsync(client, 400, "The sandbox's proxy could not read this request.").ConfigureAwait(false);
            return;
        }

        var tunnel = words[0] == "CONNECT";
        var endpoint = tunnel ? Endpoint(words[1])
            : Uri.TryCreate(words[1], UriKind.Absolute, out var target) && target.Scheme == "http" ? $"{target.IdnHost}:{target.Port}" : null;
        if (endpoint is null || !_allowed.Contains(endpoint))
        {
            await RefuseAsync(client, 403,
                $"Installs in the WebGen sandbox may reach only the package registry ({string.Join(", ", _allowed.Order(StringComparer.Ordinal))}); '{words[1]}' is not reachable. Depend on packages from the registry by name and version.").ConfigureAwait(false);
            return;
        }

        var upstream = await ConnectAsync(endpoint, track, timeout.Token).ConfigureAwait(false);
        if (tunnel)
        {
            await client.SendAsync("HTTP/1.1 200 Connection Established\r\n\r\n"u8.ToArray(), SocketFlags.None, Stopping).ConfigureAwait(false);
        }
        else
        {
            // Origin form for the server itself: "GET http://host:port/path HTTP/1.1" → "GET /path HTTP/1.1".
            var rewritten = $"{words[0]} {new Uri(words[1]).PathAndQuery} {words[2]}" + head[requestLine.Length..];
            await upstream.SendAsync(Encoding.Latin1.GetBytes(rewritten), SocketFlags.None, Stopping).ConfigureAwait(false);
        }

        if (remainder.Length > 0)
        {
            await upstream.SendAsync(remainder, SocketFlags.None, Stopping).ConfigureAwait(false);
        }

        await SocketPump.CarryAsync(client, upstream, Stopping).ConfigureAwait(false);
    }

    /// <summary>A connection to <paramref name="endpoint"/>, through the host's proxy when it has one.</summary>
    private async Task<Socket> ConnectAsync(string endpoint, Action<Socket> track, CancellationToken cancellationToken)
    {
        var separator = endpoint.LastIndexOf(':');
        var host = endpoint[..separator];
        var port = int.Parse(endpoint[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        track(socket);
        try
        {
            if (_upstream is null)
            {
                await socket.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
                return socket;
            }

            await socket.ConnectAsync(_upstream.IdnHost, _upstream.Port, cancellationToken).ConfigureAwait(false);
            await socket.SendAsync(Encoding.ASCII.GetBytes($"CONNECT {endpoint} HTTP/1.1\r\nHost: {endpoint}\r\n\r\n"), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            var (head, _) = await ReadHeadAsync(socket, cancellationToken).ConfigureAwait(false);
            if (!head.StartsWith("HTTP/1.1 200", StringComparison.Ordinal) && !head.StartsWith("HTTP/1.0 200", StringComparison.Ordinal))
            {
                throw new InvalidDataException($"The host's proxy {_upstream} refused {endpoint}: {head.Split("\r\n")[0]}");
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Reads up to the end of the HTTP head; returns it and whatever arrived after it.</summary>
    private static async Task<(string Head, byte[] Remainder)> ReadHeadAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxHeadBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new InvalidDataException("The connection closed before its request was complete.");
            }

            length += read;
            var end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                return (Encoding.Latin1.GetString(buffer, 0, end + 4), buffer[(end + 4)..length]);
            }
        }

        throw new InvalidDataException("The request's head is too long.");
    }

    private static async Task RefuseAsync(Socket client, int status, string message)
    {
        var body = Encoding.UTF8.GetBytes(message + "\n");
        var reason = status == 403 ? "Forbidden" : "Bad Request";
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await client.SendAsync(head, SocketFlags.None).ConfigureAwait(false);
        await client.SendAsync(body, SocketFlags.None).ConfigureAwait(false);
        client.Shutdown(SocketShutdown.Send);
    }
}
