using System.Net;
using System.Net.Sockets;

namespace WebGen.Sandbox.Start;

/// <summary>
/// Hands out free loopback ports from a range. Reservations are process-wide, so concurrent sessions (and
/// sandboxes) never pick the same port; a port another program grabs later is detected by <see cref="IsFree"/>.
/// </summary>
internal static class PortAllocator
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<int> Reserved = [];
    private static int _cursor = Environment.ProcessId;

    public static int Reserve(int first, int last)
    {
        var count = last - first + 1;
        lock (Gate)
        {
            for (var attempt = 0; attempt < count; attempt++)
            {
                // Rotating through the range avoids reusing a port the previous session just released.
                var port = first + (int)((uint)_cursor++ % (uint)count);
                if (!Reserved.Contains(port) && IsFree(port))
                {
                    Reserved.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"No free port between {nameof(LocalSandboxOptions.PortRangeStart)} {first} and {nameof(LocalSandboxOptions.PortRangeEnd)} {last}: widen the range or close the sessions that hold them.");
    }

    public static void Release(int port)
    {
        lock (Gate)
        {
            Reserved.Remove(port);
        }
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen(1);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
