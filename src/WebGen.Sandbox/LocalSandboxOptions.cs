using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace WebGen.Sandbox;

/// <summary>
/// Options of <see cref="LocalNodeSandbox"/>. The defaults are safe and fast for React+Vite sites;
/// every value is validated when the sandbox is built (<see cref="LocalNodeSandbox"/> constructor, or
/// <c>ValidateOnStart</c> with dependency injection) with messages that name the option.
/// </summary>
public sealed class LocalSandboxOptions
{
    /// <summary>
    /// The operating-system boundary around every install, build, dev server and shell action. <see cref="SandboxIsolation.Auto"/>
    /// (the default) uses bubblewrap and fails closed when it is unavailable; <see cref="SandboxIsolation.None"/> must be
    /// chosen explicitly and is reported in every result. See docs/security.md.
    /// </summary>
    [EnumDataType(typeof(SandboxIsolation))]
    public SandboxIsolation Isolation { get; set; } = SandboxIsolation.Auto;

    /// <summary>Resource limits of every isolated stage.</summary>
    [ValidateObjectMembers]
    public SandboxLimits Limits { get; set; } = new();

    /// <summary>The <c>bwrap</c> executable (an absolute path); null finds it on <c>PATH</c>.</summary>
    public string? BubblewrapPath { get; set; }

    /// <summary>
    /// Host paths isolated processes may read besides the system (<c>/usr</c>, a minimal <c>/etc</c>) and Node's install
    /// prefix, which are always visible: for example a toolchain installed under <c>/opt</c>. Absolute paths.
    /// </summary>
    public IList<string> AdditionalReadOnlyPaths { get; set; } = [];

    /// <summary>
    /// Hosts (<c>host</c> or <c>host:port</c>) that isolated installs may reach besides the registries of the host's npm
    /// configuration (<c>registry</c> and <c>@scope:registry</c>), for example a mirror's tarball CDN. Nothing else is reachable.
    /// </summary>
    public IList<string> InstallHosts { get; set; } = [];

    /// <summary>
    /// Lets npm run lifecycle scripts (<c>preinstall</c>, <c>postinstall</c>, …) of the project and its
    /// dependencies. Off by default: a model-written <c>package.json</c> must not run code at install time.
    /// </summary>
    public bool AllowInstallScripts { get; set; }

    /// <summary>
    /// The npm cache shared by every session (an absolute path). Null uses
    /// <c>$XDG_CACHE_HOME/webgen-sandbox/npm</c>, or <c>~/.cache/webgen-sandbox/npm</c>.
    /// </summary>
    public string? NpmCacheDirectory { get; set; }

    /// <summary>Passes <c>--prefer-offline</c> to npm so cached package metadata is used without revalidation.</summary>
    public bool PreferOfflineInstall { get; set; } = true;

    /// <summary>
    /// Passes <c>--legacy-peer-deps</c> to npm: a project whose peer dependency ranges conflict installs (as with pnpm,
    /// which only warns) instead of failing with <c>ERESOLVE</c>. Off by default, so a model learns of the conflict;
    /// on for benchmarks whose projects were written for pnpm (Web-Bench).
    /// </summary>
    public bool LegacyPeerDependencies { get; set; }

    /// <summary>
    /// Skips <c>npm install</c> when the dependency fingerprint (dependency sections of <c>package.json</c>
    /// and the lockfile) is unchanged since the last successful install. Off reinstalls every step.
    /// </summary>
    public bool SkipUnchangedInstall { get; set; } = true;

    /// <summary>
    /// An absolute path to a directory whose <c>node_modules</c> seeds a workspace that has none before
    /// its first install (see <see cref="LocalNodeSandbox.PrepareTemplateAsync"/>). Null disables seeding.
    /// </summary>
    public string? NodeModulesTemplatePath { get; set; }

    /// <summary>
    /// How template files are placed in the workspace. Under isolation <see cref="TemplateSeedMode.HardLink"/> links only
    /// sealed template files (owned by uid 65534, no write bit; this needs a root host) and copies otherwise: a sandboxed
    /// process must not write through a shared inode into the template every episode uses.
    /// </summary>
    [EnumDataType(typeof(TemplateSeedMode))]
    public TemplateSeedMode TemplateSeedMode { get; set; } = TemplateSeedMode.HardLink;

    /// <summary>
    /// Keeps the dev server running across steps (file edits are served by the server's hot reload)
    /// and restarts it only when dependencies or configuration changed or it died. Off restarts it every step.
    /// </summary>
    public bool KeepServerAlive { get; set; } = true;

    /// <summary>First port of the range the sandbox picks servers' ports from (bound on 127.0.0.1).</summary>
    [Range(1024, 65535)]
    public int PortRangeStart { get; set; } = 42000;

    /// <summary>Last port (inclusive) of the range the sandbox picks servers' ports from.</summary>
    [Range(1024, 65535)]
    public int PortRangeEnd { get; set; } = 42999;

    /// <summary>
    /// After the server answers, fetches the page's own scripts and the local modules they import, so that
    /// a module the server fails to compile (a syntax error in <c>src/App.jsx</c>) is reported as a start failure.
    /// </summary>
    public bool VerifyModules { get; set; } = true;

    /// <summary>Most modules fetched by <see cref="VerifyModules"/> per step.</summary>
    [Range(1, 5000)]
    public int MaxModulesToVerify { get; set; } = 300;

    /// <summary>Wall-clock limit of one dependency installation.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "02:00:00")]
    public TimeSpan InstallTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Wall-clock limit of the build that precedes a <c>serve</c> script.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "02:00:00")]
    public TimeSpan BuildTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How long a started server may take to answer HTTP (and its modules to compile).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Wall-clock limit of one <c>shell</c> action (the whole command line).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "02:00:00")]
    public TimeSpan ShellTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How long a process group gets between SIGTERM and SIGKILL.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Pause between two readiness probes of a starting server.</summary>
    [Range(typeof(TimeSpan), "00:00:00.005", "00:00:10")]
    public TimeSpan ReadinessPollInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How long files written since the last step must be left alone before the sandbox re-signals them to a
    /// running dev server. Vite's file watcher drops a second change to the same file within 50 ms of the
    /// first, which can leave a stale module served; a fresh change after the watcher's window has closed
    /// guarantees the last write is seen. Zero turns re-signalling off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan WatcherSettleTime { get; set; } = TimeSpan.FromMilliseconds(60);

    /// <summary>Captured output longer than this many lines keeps only its head and tail.</summary>
    [Range(2, 1_000_000)]
    public int MaxOutputLines { get; set; } = 500;

    /// <summary>Lines kept from the start of a truncated output.</summary>
    [Range(1, 1_000_000)]
    public int OutputHeadLines { get; set; } = 50;

    /// <summary>Lines kept from the end of a truncated output.</summary>
    [Range(1, 1_000_000)]
    public int OutputTailLines { get; set; } = 50;

    /// <summary>Longer output lines are cut to this many characters.</summary>
    [Range(80, 1_000_000)]
    public int MaxLineLength { get; set; } = 2000;

    /// <summary>
    /// Programs a <c>shell</c> action may run, by bare name (default <c>npm</c>, <c>npx</c>, <c>node</c>).
    /// Commands run without a shell interpreter; <c>cd</c> inside the workspace is always understood.
    /// </summary>
    public IList<string> AllowedShellCommands { get; set; } = ["npm", "npx", "node"];

    /// <summary>
    /// Names of the host's environment variables passed to child processes; every other variable
    /// (API keys, tokens, the host's secrets) is withheld.
    /// </summary>
    public IList<string> EnvironmentAllowList { get; set; } =
    [
        "PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TERM", "TZ", "TMPDIR",
        "NODE_ENV", "npm_config_registry", "NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE", "SSL_CERT_DIR",
    ];

    /// <summary>Variables set explicitly for every child process (applied after the allow-list).</summary>
    public IDictionary<string, string> EnvironmentVariables { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    internal LocalSandboxOptions Clone() => new()
    {
        Isolation = Isolation,
        Limits = (Limits ?? new()).Clone(),
        BubblewrapPath = BubblewrapPath,
        AdditionalReadOnlyPaths = [.. AdditionalReadOnlyPaths ?? []],
        InstallHosts = [.. InstallHosts ?? []],
        AllowInstallScripts = AllowInstallScripts,
        NpmCacheDirectory = NpmCacheDirectory,
        PreferOfflineInstall = PreferOfflineInstall,
        LegacyPeerDependencies = LegacyPeerDependencies,
        SkipUnchangedInstall = SkipUnchangedInstall,
        NodeModulesTemplatePath = NodeModulesTemplatePath,
        TemplateSeedMode = TemplateSeedMode,
        KeepServerAlive = KeepServerAlive,
        PortRangeStart = PortRangeStart,
        PortRangeEnd = PortRangeEnd,
        VerifyModules = VerifyModules,
        MaxModulesToVerify = MaxModulesToVerify,
        InstallTimeout = InstallTimeout,
        BuildTimeout = BuildTimeout,
        StartTimeout = StartTimeout,
        ShellTimeout = ShellTimeout,
        StopGracePeriod = StopGracePeriod,
        ReadinessPollInterval = ReadinessPollInterval,
        WatcherSettleTime = WatcherSettleTime,
        MaxOutputLines = MaxOutputLines,
        OutputHeadLines = OutputHeadLines,
        OutputTailLines = OutputTailLines,
        MaxLineLength = MaxLineLength,
        AllowedShellCommands = [.. AllowedShellCommands ?? []],
        EnvironmentAllowList = [.. EnvironmentAllowList ?? []],
        EnvironmentVariables = new Dictionary<string, string>(EnvironmentVariables ?? new Dictionary<string, string>(), StringComparer.Ordinal),
    };
}
