using System.Collections.Concurrent;
using System.Diagnostics;

namespace WebGen.Sandbox.Isolation;

/// <summary>
/// The host programs bubblewrap isolation needs, found and proven to work once per process: <c>bwrap</c> must
/// create user, pid and network namespaces here (a trial run), <c>prlimit</c> sets the rlimits, and <c>node</c>
/// runs the dev server's relay. When something is missing the error names the package to install and the option
/// to change; isolation never degrades silently.
/// </summary>
internal sealed class BubblewrapTools
{
    private static readonly ConcurrentDictionary<string, Lazy<BubblewrapTools>> Probed = new(StringComparer.Ordinal);

    private BubblewrapTools(string bubblewrap, string prlimit, string setpriv, string node, bool supportsDisableUserns)
    {
        Bubblewrap = bubblewrap;
        Prlimit = prlimit;
        Setpriv = setpriv;
        Node = node;
        SupportsDisableUserns = supportsDisableUserns;
    }

    public string Bubblewrap { get; }

    public string Prlimit { get; }

    /// <summary><c>setpriv</c>, which gives the outer process its parent-death signal before bubblewrap starts.</summary>
    public string Setpriv { get; }

    /// <summary>The real path of <c>node</c>, which the relay runs with.</summary>
    public string Node { get; }

    /// <summary>True when this bubblewrap has <c>--disable-userns</c> (0.8 and later).</summary>
    public bool SupportsDisableUserns { get; }

    /// <summary>
    /// The tools, probed on first use. Throws <see cref="InvalidOperationException"/> with what to install or
    /// change when isolation cannot work on this machine.
    /// </summary>
    public static BubblewrapTools Get(string? bubblewrapPath, string? path)
    {
        var key = $"{bubblewrapPath}\n{path}";
        var lazy = Probed.GetOrAdd(key, _ => new Lazy<BubblewrapTools>(() => Probe(bubblewrapPath, path)));
        try
        {
            return lazy.Value;
        }
        catch (InvalidOperationException)
        {
            // Not cached: the user may install the package and try again in the same process.
            Probed.TryRemove(key, out _);
            throw;
        }
    }

    /// <summary>True when isolation works here (for <see cref="SandboxIsolation.Auto"/> diagnostics and health checks).</summary>
    public static bool IsAvailable(string? bubblewrapPath, string? path, out string? problem)
    {
        try
        {
            Get(bubblewrapPath, path);
            problem = null;
            return true;
        }
        catch (InvalidOperationException exception)
        {
            problem = exception.Message;
            return false;
        }
    }

    /// <summary>The first executable named <paramref name="name"/> on <paramref name="path"/>, or null.</summary>
    public static string? Find(string name, string? path) =>
        (path ?? "/usr/local/bin:/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(candidate => File.Exists(candidate) && !OperatingSystem.IsWindows() && (File.GetUnixFileMode(candidate) & UnixFileMode.UserExecute) != 0);

    private static BubblewrapTools Probe(string? bubblewrapPath, string? path)
    {
        const string Advice = $"Install bubblewrap (Debian/Ubuntu: 'apt-get install bubblewrap'; Fedora: 'dnf install bubblewrap'), or set {nameof(LocalSandboxOptions)}.{nameof(LocalSandboxOptions.Isolation)} to {nameof(SandboxIsolation.None)} to run model-written code with your user's rights (not recommended; see docs/security.md).";
        var bubblewrap = bubblewrapPath ?? Find("bwrap", path) ?? Find("bwrap", "/usr/bin:/bin:/usr/local/bin")
            ?? throw new InvalidOperationException($"Process isolation is unavailable: bubblewrap ('bwrap') was not found on PATH. {Advice}");
        if (!File.Exists(bubblewrap))
        {
            throw new InvalidOperationException($"Process isolation is unavailable: {nameof(LocalSandboxOptions)}.{nameof(LocalSandboxOptions.BubblewrapPath)} '{bubblewrap}' does not exist. {Advice}");
        }

        var prlimit = Find("prlimit", path) ?? Find("prlimit", "/usr/bin:/bin")
            ?? throw new InvalidOperationException("Process isolation is unavailable: 'prlimit' (util-linux) was not found; install util-linux.");
        var setpriv = Find("setpriv", path) ?? Find("setpriv", "/usr/bin:/bin")
            ?? throw new InvalidOperationException("Process isolation is unavailable: 'setpriv' (util-linux) was not found; install util-linux.");
        var nodeOnPath = Find("node", path)
            ?? throw new InvalidOperationException("Process isolation is unavailable: 'node' was not found on the sandbox's PATH; install Node.js 20 or later.");
        var node = new FileInfo(nodeOnPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? nodeOnPath;

        var trial = new[] { "--unshare-user", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--die-with-parent", "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev" };
        var (code, error) = Run(bubblewrap, [.. trial, "--disable-userns", "true"]);
        var disableUserns = code == 0;
        if (!disableUserns)
        {
            (code, error) = Run(bubblewrap, [.. trial, "true"]);
        }

        if (code != 0)
        {
            throw new InvalidOperationException(
                $"Process isolation is unavailable: bubblewrap could not create user, pid and network namespaces here ('{bubblewrap}' exited with code {code}: {error.Trim()}). " +
                "Enable unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1 and user.max_user_namespaces > 0; on Ubuntu 24.04 also an AppArmor profile for bwrap), " +
                $"or run where they are available. Otherwise set {nameof(LocalSandboxOptions)}.{nameof(LocalSandboxOptions.Isolation)} to {nameof(SandboxIsolation.None)} (not recommended; see docs/security.md).");
        }

        return new BubblewrapTools(bubblewrap, prlimit, setpriv, node, disableUserns);
    }

    private static (int Code, string Error) Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill(entireProcessTree: true);
                return (-1, "timed out");
            }

            return (process.ExitCode, error);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return (-1, exception.Message);
        }
    }
}
