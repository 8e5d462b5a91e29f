using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WebGen.Sandbox.Isolation;

/// <summary>
/// A private directory of one <see cref="LocalNodeSandbox"/> on the host: the relay script and the npm user
/// configuration every sandbox sees read-only at <see cref="MountPoint"/>, and one directory per dev server for
/// the relay's socket. Removed when the sandbox is disposed.
/// </summary>
internal sealed class SandboxRuntime : IDisposable
{
    /// <summary>Where the shared directory appears inside every sandbox.</summary>
    public const string MountPoint = "/.webgen";

    /// <summary>Where a dev server's bridge directory appears inside its sandbox.</summary>
    public const string BridgeMountPoint = "/.webgen-bridge";

    public const string RelayFile = "relay.js";

    public const string NpmrcFile = "npmrc";

    public const string SocketFile = "site.sock";

    /// <summary>The egress proxy's socket, in the shared directory.</summary>
    public const string EgressSocketFile = "egress.sock";

    // npm settings the sandbox may inherit from the host: where the registry is and how to reach it. Never
    // credentials (_auth, _authToken, password, certfile/keyfile) — a sandboxed process could read them.
    private static readonly string[] InheritedNpmSettings =
        ["registry", "cafile", "strict-ssl", "omit-lockfile-registry-resolved",
         "fetch-retries", "fetch-retry-mintimeout", "fetch-retry-maxtimeout", "fetch-timeout", "maxsockets", "replace-registry-host"];

    private static readonly Lock SettingsGate = new();
    private static HostNpm? _hostSettings;

    private readonly Lock _egressGate = new();
    private readonly IReadOnlyList<string> _installHosts;
    private EgressProxy? _egress;
    private int _sequence;

    /// <summary>Creates the runtime directory; the host's npm settings are read once per process.</summary>
    /// <param name="hostEnvironment">The scrubbed environment npm runs with on the host to report its settings.</param>
    /// <param name="installHosts">Hosts installs may reach besides the configured registries.</param>
    public SandboxRuntime(IReadOnlyDictionary<string, string> hostEnvironment, IEnumerable<string>? installHosts = null)
    {
        _installHosts = [.. installHosts ?? []];

        Directory = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"webgen-sbx-{Environment.ProcessId}-{Guid.NewGuid():N}")[..40]);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Sandbox isolation needs Linux.");
        }

        // Private to this user: it holds the sockets that reach the sites.
        System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Shared = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "common")).FullName;
        using (var relay = typeof(SandboxRuntime).Assembly.GetManifestResourceStream("WebGen.Sandbox.Isolation.relay.js")
            ?? throw new InvalidOperationException("The relay script is missing from WebGen.Sandbox's resources."))
        using (var file = File.Create(Path.Combine(Shared, RelayFile)))
        {
            relay.CopyTo(file);
        }

        lock (SettingsGate)
        {
            Npm = _hostSettings ??= HostNpmSettings(hostEnvironment);
        }

        File.WriteAllText(Path.Combine(Shared, NpmrcFile), Npm.Npmrc);
    }

    /// <summary>The runtime's root on the host.</summary>
    public string Directory { get; }

    /// <summary>The host directory mounted read-only at <see cref="MountPoint"/>.</summary>
    public string Shared { get; }

    /// <summary>The host's npm settings that matter inside: registries, CA file, proxy.</summary>
    public HostNpm Npm { get; }

    /// <summary>The host's npm <c>cafile</c>, which must be visible inside for installs to verify the registry.</summary>
    public string? CaFile => Npm.CaFile;

    /// <summary>
    /// The registry-only proxy installs use, started on first use; its socket is in <see cref="Shared"/>. The allowed
    /// endpoints are the host's npm registries (default and scoped) and <see cref="LocalSandboxOptions.InstallHosts"/>.
    /// </summary>
    public EgressProxy Egress
    {
        get
        {
            lock (_egressGate)
            {
                var allowed = Npm.Registries.Concat(_installHosts).Select(EgressProxy.Endpoint).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase);
                return _egress ??= EgressProxy.Start(Path.Combine(Shared, EgressSocketFile), allowed, Npm.Proxy);
            }
        }
    }

    /// <summary>A new, empty directory for one dev server's relay socket.</summary>
    public string NewBridgeDirectory()
    {
        var path = Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"b{Interlocked.Increment(ref _sequence)}"));
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        lock (_egressGate)
        {
            _egress?.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(2));
            _egress = null;
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A socket still being closed: the temp directory is cleaned by the machine.
        }
    }

    /// <summary>
    /// The npm configuration sandboxes get in place of the user's <c>~/.npmrc</c> (which they cannot see): the host's
    /// effective registry and transport settings, read once with the host's npm.
    /// </summary>
    private static HostNpm HostNpmSettings(IReadOnlyDictionary<string, string> environment)
    {
        var text = new StringBuilder("# Written by WebGen.Sandbox: the host's registry settings, no credentials.\n");
        string? cafile = null;
        Uri? proxy = null;
        var registries = new List<string>();
        try
        {
            var start = new ProcessStartInfo("npm") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "config", "list", "--json" })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment.Clear();
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

            // The user's own configuration is where a registry mirror is usually set.
            start.Environment["HOME"] = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            start.Environment.Remove("npm_config_userconfig");
            using var npm = Process.Start(start)!;
            var json = npm.StandardOutput.ReadToEndAsync();
            _ = npm.StandardError.ReadToEndAsync();
            if (!npm.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                npm.Kill(entireProcessTree: true);
                return new HostNpm(text.ToString(), null, [DefaultRegistry], null);
            }

            using var document = JsonDocument.Parse(json.GetAwaiter().GetResult());
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var key = property.Name;
                if (key is "https-proxy" or "proxy" && property.Value.ValueKind == JsonValueKind.String && Uri.TryCreate(property.Value.GetString(), UriKind.Absolute, out var hostProxy))
                {
                    // Installs reach the registry through the sandbox's proxy, which itself goes through the host's.
                    proxy = key == "https-proxy" || proxy is null ? hostProxy : proxy;
                    continue;
                }

                var inherited = InheritedNpmSettings.Contains(key) || (key.StartsWith('@') && key.EndsWith(":registry", StringComparison.Ordinal));
                if (!inherited || property.Value.ValueKind is JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array)
                {
                    continue;
                }

                var value = property.Value.ToString();
                if (value.Contains('\n', StringComparison.Ordinal))
                {
                    continue;
                }

                text.Append(CultureInfo.InvariantCulture, $"{key}={value}\n");
                if (key == "registry" || key.EndsWith(":registry", StringComparison.Ordinal))
                {
                    registries.Add(value);
                }

                if (key == "cafile" && Path.IsPathFullyQualified(value))
                {
                    cafile = value;
                }
            }
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or JsonException or InvalidOperationException or IOException)
        {
            // No npm on the host, or unreadable output: npm's defaults (the public registry) apply inside.
        }

        return new HostNpm(text.ToString(), cafile, registries.Count == 0 ? [DefaultRegistry] : registries, proxy);
    }

    private const string DefaultRegistry = "https://registry.npmjs.org/";

    /// <summary>What the sandbox takes from the host's npm configuration.</summary>
    /// <param name="Npmrc">The user configuration written for sandboxes.</param>
    /// <param name="CaFile">The CA file npm verifies registries with.</param>
    /// <param name="Registries">The default and scoped registry addresses.</param>
    /// <param name="Proxy">The host's own HTTPS proxy, if npm uses one.</param>
    internal sealed record class HostNpm(string Npmrc, string? CaFile, IReadOnlyList<string> Registries, Uri? Proxy);
}
