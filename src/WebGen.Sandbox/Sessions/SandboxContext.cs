using Microsoft.Extensions.Logging;
using WebGen.Sandbox.Diagnostics;
using WebGen.Sandbox.Isolation;
using WebGen.Sandbox.Processes;

namespace WebGen.Sandbox.Sessions;

/// <summary>What every session of one <see cref="LocalNodeSandbox"/> shares.</summary>
internal sealed class SandboxContext : IDisposable
{
    private readonly Lock _gate = new();
    private IProcessIsolation? _isolation;
    private SandboxRuntime? _runtime;

    public SandboxContext(LocalSandboxOptions options, string npmCacheDirectory, TimeProvider time, ILoggerFactory loggerFactory, HttpClient http)
    {
        Options = options;
        NpmCacheDirectory = npmCacheDirectory;
        Time = time;
        LoggerFactory = loggerFactory;
        Http = http;
        Environment = ChildEnvironment.Build(options, npmCacheDirectory);
    }

    public LocalSandboxOptions Options { get; }

    public string NpmCacheDirectory { get; }

    public TimeProvider Time { get; }

    public ILoggerFactory LoggerFactory { get; }

    public HttpClient Http { get; }

    /// <summary>The scrubbed environment of every child.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The runtime directory (relay, npm settings, bridge sockets); null without isolation.</summary>
    public SandboxRuntime? Runtime => _runtime;

    /// <summary>
    /// The boundary of every child, chosen on first use from <see cref="LocalSandboxOptions.Isolation"/>. Throws
    /// <see cref="InvalidOperationException"/> naming what to install or change when isolation is unavailable:
    /// it never falls back to running unisolated.
    /// </summary>
    public IProcessIsolation Isolation
    {
        get
        {
            lock (_gate)
            {
                if (_isolation is not null)
                {
                    return _isolation;
                }

                if (Options.Isolation == SandboxIsolation.None)
                {
                    Log.IsolationDisabled(LoggerFactory.CreateLogger<LocalNodeSandbox>());
                    return _isolation = NoIsolation.Instance;
                }

                var tools = BubblewrapTools.Get(Options.BubblewrapPath, Environment.GetValueOrDefault("PATH"));
                _runtime ??= new SandboxRuntime(Environment, Options.InstallHosts);
                return _isolation = new BubblewrapIsolation(tools, _runtime, Options, NpmCacheDirectory, Environment, Time, Cgroups.Current);
            }
        }
    }

    /// <summary><c>npm install</c> with the sandbox's flags, in <paramref name="directory"/>.</summary>
    public ChildStartInfo InstallInfo(string directory)
    {
        var arguments = new List<string> { "install", "--no-audit", "--no-fund" };
        if (!Options.AllowInstallScripts)
        {
            arguments.Add("--ignore-scripts");
        }

        if (Options.PreferOfflineInstall)
        {
            arguments.Add("--prefer-offline");
        }

        if (Options.LegacyPeerDependencies)
        {
            arguments.Add("--legacy-peer-deps");
        }

        return new ChildStartInfo { Program = "npm", Arguments = arguments, WorkingDirectory = directory, Environment = Environment };
    }

    /// <summary>What a stage of <paramref name="kind"/> may reach, writing only <paramref name="directory"/>.</summary>
    public static IsolationProfile Profile(string kind, string directory, bool installs = false) => new()
    {
        Stage = kind,
        WritableDirectory = directory,
        Network = installs ? IsolationNetwork.Registry : IsolationNetwork.None,
        WritableNpmCache = installs,
    };

    public void Dispose() => _runtime?.Dispose();
}
