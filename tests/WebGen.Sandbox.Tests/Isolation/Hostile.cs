using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace WebGen.Sandbox.Tests.Isolation;

/// <summary>Helpers for the hostile-code catalogue: markers on the host, a host process holding a secret, a host listener.</summary>
internal static class Hostile
{
    /// <summary>A shell action that runs <paramref name="script"/> with node (single quotes only inside).</summary>
    public static string Node(string script) => $"node -e \"{script}\"";

    /// <summary>Paths outside the workspace a hostile process would write: the host's $HOME and /tmp, and a sibling episode.</summary>
    public static string[] HostMarkers(string sibling)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        return
        [
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), $".webgen-marker-{id}"),
            Path.Combine("/tmp", $"webgen-marker-{id}"),
            Path.Combine(sibling, $"marker-{id}"),
        ];
    }

    public static void Delete(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            File.Delete(path);
        }
    }

    /// <summary>JavaScript that tries to write each path and prints what happened.</summary>
    public static string WriteEach(IEnumerable<string> paths, string fs = "require('fs')") =>
        string.Join(";", paths.Select(p => $"try{{{fs}.writeFileSync('{p}','pwned');console.log('WROTE {p}')}}catch(e){{console.log('DENIED '+e.code)}}"));

    /// <summary>A host process (not started by the sandbox) whose environment holds <paramref name="secret"/>.</summary>
    public static Process HostProcessWithSecret(string secret)
    {
        var start = new ProcessStartInfo("sleep", "120") { UseShellExecute = false };
        start.Environment["WEBGEN_HOST_SECRET"] = secret;
        return Process.Start(start)!;
    }

    /// <summary>JavaScript that reads every /proc/*/environ it can and prints FOUND when <paramref name="secret"/> is in one.</summary>
    public static string ScanEnvironments(string secret) =>
        "const fs=require('fs');let n=0,found=false;for(const p of fs.readdirSync('/proc')){if(!/^[0-9]+$/.test(p))continue;n++;" +
        $"try{{if(fs.readFileSync('/proc/'+p+'/environ','latin1').includes('{secret}'))found=true}}catch(e){{}}}}" +
        "console.log('PROCESSES '+n);console.log(found?'FOUND':'CLEAN')";

    /// <summary>A loopback listener on the host that counts the connections it accepts.</summary>
    public sealed class Listener : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private int _accepted;

        public Listener()
        {
            _listener.Start();
            _ = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Accepted => Volatile.Read(ref _accepted);

        public void Dispose() => _listener.Stop();

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    using var client = await _listener.AcceptTcpClientAsync();
                    Interlocked.Increment(ref _accepted);
                }
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
