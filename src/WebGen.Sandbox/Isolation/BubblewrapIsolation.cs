using System.Globalization;
using WebGen.Sandbox.Processes;

namespace WebGen.Sandbox.Isolation;

/// <summary>
/// Runs each stage in bubblewrap: new user, pid, ipc, uts, cgroup and (unless the stage installs dependencies)
/// network namespaces as uid 65534; a read-only system (<c>/usr</c> and its links, a minimal <c>/etc</c>, Node's
/// install prefix), a fresh <c>/proc</c> and <c>/dev</c>, a size-limited private <c>/tmp</c> that holds <c>HOME</c>,
/// the npm cache read-only (read-write for installs), and the stage's directory as the only writable host path.
/// Nothing else of the host is mounted: not <c>/home</c>, <c>/root</c>, the host's <c>/tmp</c>, other episodes'
/// directories. <c>--die-with-parent</c> and the pid namespace end every process of the stage — double-forked
/// daemons too — when the stage's command exits, when the sandbox stops it, and when the host process dies.
/// Resource limits: rlimits through <c>prlimit</c> (open files, file size, CPU time, no core dumps), and the stage's
/// processes and memory through its cgroups or <see cref="ResourceGuard"/>.
/// </summary>
internal sealed class BubblewrapIsolation : IProcessIsolation
{
    /// <summary>The unprivileged uid and gid (nobody) processes run as inside.</summary>
    private const string SandboxId = "65534";

    private const string Home = "/tmp/home";

    /// <summary>Where the egress relay listens inside an install's namespace (its own loopback, so any port is free).</summary>
    private const int EgressPort = 3128;

    // What a Node toolchain needs of /etc: users and groups (os.userInfo), name resolution for the registry, TLS
    // roots, time zone, the dynamic linker's cache and Debian's alternatives links. Nothing else of the host's /etc.
    private static readonly string[] EtcFiles =
    [
        "/etc/passwd", "/etc/group", "/etc/nsswitch.conf", "/etc/hosts", "/etc/host.conf", "/etc/resolv.conf", "/etc/gai.conf",
        "/etc/localtime", "/etc/ssl", "/etc/ca-certificates", "/etc/pki", "/etc/alternatives", "/etc/ld.so.cache",
        "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/npmrc", "/etc/mime.types",
    ];

    private static readonly string[] RootLinks = ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];

    private readonly BubblewrapTools _tools;
    private readonly SandboxRuntime _runtime;
    private readonly LocalSandboxOptions _options;
    private readonly string _npmCache;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<string> _systemArguments;
    private readonly Cgroups? _cgroups;

    // cgroups: where stages get their process and memory limits; null enforces both with the /proc watchdog.
    public BubblewrapIsolation(BubblewrapTools tools, SandboxRuntime runtime, LocalSandboxOptions options, string npmCache, IReadOnlyDictionary<string, string> environment, TimeProvider time, Cgroups? cgroups)
    {
        _cgroups = cgroups;
        _tools = tools;
        _runtime = runtime;
        _options = options;
        _npmCache = npmCache;
        _time = time;
        _systemArguments = SystemArguments(tools, runtime, options, environment);
    }

    public SandboxContainment Containment => SandboxContainment.OperatingSystem;

    public ContainedLaunch Prepare(ChildStartInfo info, IsolationProfile profile)
    {
        var limits = _options.Limits;
        var cgroups = _cgroups?.Create(limits);
        var guard = new ResourceGuard(limits, cgroups, profile.WritableDirectory, _time);
        try
        {
            // The outer process dies with the host (SIGKILL when the launcher thread's process is gone, even by
            // kill -9); bubblewrap ties the namespace's init to the outer process in turn.
            var program = _tools.Setpriv;
            var arguments = new List<string> { "--pdeathsig", "KILL", "--" };
            if (cgroups is not null)
            {
                // The stage's first process joins its cgroups before it execs anything, so no descendant escapes them.
                var files = cgroups.ProcsFiles.ToList();
                arguments.AddRange(["/bin/sh", "-c", "n=$1; shift; while [ \"$n\" -gt 0 ]; do echo $$ > \"$1\" || exit 125; shift; n=$((n - 1)); done; exec \"$@\"", "webgen-sandbox",
                    files.Count.ToString(CultureInfo.InvariantCulture), .. files]);
            }

            arguments.Add(_tools.Prlimit);

            var cpu = (long)limits.CpuTime.TotalSeconds;
            arguments.AddRange(
            [
                Invariant($"--nofile={limits.MaxOpenFiles}:{limits.MaxOpenFiles}"),
                Invariant($"--fsize={limits.MaxFileSizeBytes}:{limits.MaxFileSizeBytes}"),

                // SIGXCPU at the limit (a classified exit), SIGKILL shortly after if it is ignored.
                Invariant($"--cpu={cpu}:{cpu + 5}"),
                "--core=0",
                "--",
                _tools.Bubblewrap,
            ]);
            arguments.AddRange(_systemArguments);
            arguments.Add("--unshare-net");
            arguments.AddRange(["--size", Invariant($"{limits.TempBytes}"), "--tmpfs", "/tmp", "--dir", Home]);
            arguments.AddRange([profile.WritableNpmCache ? "--bind" : "--ro-bind", _npmCache, _npmCache]);
            if (profile.Network == IsolationNetwork.Bridge)
            {
                arguments.AddRange(["--bind", profile.BridgeDirectory!, SandboxRuntime.BridgeMountPoint]);
            }

            // Last, so that it wins over anything above when the workspace lives under a mounted path (/tmp).
            arguments.AddRange(["--bind", profile.WritableDirectory, profile.WritableDirectory]);
            arguments.AddRange(["--chdir", info.WorkingDirectory, "--remount-ro", "/", "--"]);
            var relay = $"{SandboxRuntime.MountPoint}/{SandboxRuntime.RelayFile}";
            if (profile.Network == IsolationNetwork.Bridge)
            {
                arguments.AddRange([_tools.Node, relay, "serve", $"{SandboxRuntime.BridgeMountPoint}/{SandboxRuntime.SocketFile}", Invariant($"{profile.Port}")]);
            }
            else if (profile.Network == IsolationNetwork.Registry)
            {
                _ = _runtime.Egress;
                arguments.AddRange([_tools.Node, relay, "egress", $"{SandboxRuntime.MountPoint}/{SandboxRuntime.EgressSocketFile}", Invariant($"{EgressPort}")]);
            }

            arguments.Add(info.Program);
            arguments.AddRange(info.Arguments);

            var environment = new Dictionary<string, string>(info.Environment, StringComparer.Ordinal)
            {
                ["HOME"] = Home,
                ["TMPDIR"] = "/tmp",
                ["USER"] = "nobody",
                ["LOGNAME"] = "nobody",
                ["npm_config_userconfig"] = $"{SandboxRuntime.MountPoint}/{SandboxRuntime.NpmrcFile}",
                [ResourceGuard.MarkerVariable] = guard.Marker,
            };
            if (profile.Network == IsolationNetwork.Registry)
            {
                // Environment beats every npmrc, so a model-written .npmrc cannot route around the proxy.
                var proxy = Invariant($"http://127.0.0.1:{EgressPort}");
                environment["npm_config_https_proxy"] = proxy;
                environment["npm_config_proxy"] = proxy;
                environment["npm_config_noproxy"] = "";
            }

            var contained = new ChildStartInfo
            {
                Program = program,
                Arguments = arguments,
                WorkingDirectory = info.WorkingDirectory,
                Environment = environment,
                DisplayOverride = info.DisplayCommand,
            };
            return new ContainedLaunch(contained, guard);
        }
        catch
        {
            guard.Dispose();
            throw;
        }
    }

    /// <summary>The namespaces and the read-only system, the same for every stage of this sandbox.</summary>
    private static List<string> SystemArguments(BubblewrapTools tools, SandboxRuntime runtime, LocalSandboxOptions options, IReadOnlyDictionary<string, string> environment)
    {
        var arguments = new List<string>
        {
            "--unshare-user", "--uid", SandboxId, "--gid", SandboxId,
            "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--hostname", "webgen-sandbox",
            "--die-with-parent", "--new-session",
        };
        if (tools.SupportsDisableUserns)
        {
            // No nested user namespaces: closes a large part of the kernel's attack surface.
            arguments.Add("--disable-userns");
        }

        arguments.AddRange(["--ro-bind", "/usr", "/usr"]);
        foreach (var path in RootLinks)
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is { } target)
            {
                arguments.AddRange(["--symlink", target, path]);
            }
            else if (Directory.Exists(path))
            {
                arguments.AddRange(["--ro-bind", path, path]);
            }
        }

        arguments.AddRange(["--proc", "/proc", "--dev", "/dev", "--dir", "/etc"]);
        foreach (var path in EtcFiles)
        {
            arguments.AddRange(["--ro-bind-try", path, path]);
        }

        var readOnly = new List<string>(options.AdditionalReadOnlyPaths);
        readOnly.AddRange(ToolchainPrefixes(environment));
        if (runtime.CaFile is { } cafile && !cafile.StartsWith("/usr/", StringComparison.Ordinal) && !cafile.StartsWith("/etc/ssl/", StringComparison.Ordinal))
        {
            readOnly.Add(cafile);
        }

        foreach (var path in readOnly.Distinct(StringComparer.Ordinal))
        {
            arguments.AddRange(["--ro-bind-try", path, path]);
        }

        arguments.AddRange(["--ro-bind", runtime.Shared, SandboxRuntime.MountPoint]);
        return arguments;
    }

    /// <summary>Install prefixes of node and npm outside <c>/usr</c> (nvm, /opt), which must be visible inside.</summary>
    private static IEnumerable<string> ToolchainPrefixes(IReadOnlyDictionary<string, string> environment)
    {
        foreach (var tool in new[] { "node", "npm" })
        {
            if (BubblewrapTools.Find(tool, environment.GetValueOrDefault("PATH")) is not { } found)
            {
                continue;
            }

            var real = new FileInfo(found).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? found;
            if (real.StartsWith("/usr/", StringComparison.Ordinal))
            {
                continue;
            }

            // <prefix>/bin/node, and npm at <prefix>/lib/node_modules/npm/bin/npm-cli.js.
            var prefix = real.Contains("/lib/node_modules/", StringComparison.Ordinal)
                ? real[..real.IndexOf("/lib/node_modules/", StringComparison.Ordinal)]
                : Path.GetDirectoryName(Path.GetDirectoryName(real));
            if (prefix is { Length: > 1 })
            {
                yield return prefix;
            }

            // The PATH entry itself (a link farm such as ~/.nvm/versions/node/vX/bin or /opt/node/bin).
            yield return Path.GetDirectoryName(found)!;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
