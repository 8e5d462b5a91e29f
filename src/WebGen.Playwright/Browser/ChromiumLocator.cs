using System.Runtime.InteropServices;

namespace WebGen.Playwright;

/// <summary>
/// Finds a Chromium binary: the explicit option, then <c>PLAYWRIGHT_CHROMIUM_EXECUTABLE</c>, then the
/// distribution's <c>chromium</c>/<c>chromium-browser</c>, then Playwright's own downloaded browsers.
/// A misconfigured explicit path is an error rather than a silent fall-through, so a typo is never
/// hidden by whatever else happens to be installed.
/// </summary>
internal sealed class ChromiumLocator
{
    public const string EnvironmentVariable = "PLAYWRIGHT_CHROMIUM_EXECUTABLE";

    private static readonly string[] SystemPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
    private static readonly string[] CommandNames = ["chromium", "chromium-browser"];

    private readonly Func<string, string?> _environment;
    private readonly Func<string, bool> _fileExists;
    private readonly Func<string, IEnumerable<string>> _directories;
    private readonly string _home;

    public ChromiumLocator(Func<string, string?> environment, Func<string, bool> fileExists, Func<string, IEnumerable<string>> directories, string home)
    {
        _environment = environment;
        _fileExists = fileExists;
        _directories = directories;
        _home = home;
    }

    public static ChromiumLocator System { get; } = new(
        Environment.GetEnvironmentVariable,
        File.Exists,
        path => Directory.Exists(path) ? Directory.EnumerateDirectories(path) : [],
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>Returns the binary to launch and where it was found.</summary>
    /// <exception cref="InvalidOperationException">No Chromium was found; the message names every place searched.</exception>
    public ChromiumLocation Locate(string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return _fileExists(explicitPath)
                ? new ChromiumLocation(explicitPath, "PlaywrightBrowserOptions.ExecutablePath")
                : throw new InvalidOperationException(
                    $"PlaywrightBrowserOptions.ExecutablePath is set to '{explicitPath}', but no file exists there. Fix the path, or unset it to let WebGen.Playwright search for Chromium.");
        }

        var fromEnvironment = _environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return _fileExists(fromEnvironment)
                ? new ChromiumLocation(fromEnvironment, EnvironmentVariable)
                : throw new InvalidOperationException(
                    $"The {EnvironmentVariable} environment variable is set to '{fromEnvironment}', but no file exists there. Fix the path, or unset the variable to let WebGen.Playwright search for Chromium.");
        }

        foreach (var path in SystemPaths)
        {
            if (_fileExists(path))
            {
                return new ChromiumLocation(path, "system package");
            }
        }

        foreach (var directory in (_environment("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in CommandNames)
            {
                var candidate = Path.Combine(directory, name);
                if (_fileExists(candidate))
                {
                    return new ChromiumLocation(candidate, "PATH");
                }
            }
        }

        var cache = PlaywrightCacheDirectory();
        foreach (var candidate in PlaywrightBinaries(cache))
        {
            if (_fileExists(candidate))
            {
                return new ChromiumLocation(candidate, "Playwright's installed browsers");
            }
        }

        throw new InvalidOperationException(
            "No Chromium executable was found. Searched, in order: "
            + "(1) PlaywrightBrowserOptions.ExecutablePath: not set; "
            + $"(2) the {EnvironmentVariable} environment variable: not set; "
            + "(3) /usr/bin/chromium, /usr/bin/chromium-browser, and chromium or chromium-browser on PATH: not found; "
            + $"(4) Playwright's installed browsers in {cache}: none. "
            + "Install Chromium (Debian/Ubuntu: apt-get install chromium), point "
            + $"{EnvironmentVariable} or PlaywrightBrowserOptions.ExecutablePath at a Chromium binary, "
            + "or set PlaywrightBrowserOptions.RemoteEndpoint to use a remote browser.");
    }

    private string PlaywrightCacheDirectory()
    {
        var configured = _environment("PLAYWRIGHT_BROWSERS_PATH");
        if (!string.IsNullOrWhiteSpace(configured) && configured != "0")
        {
            return configured;
        }

        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return Path.Combine(_environment("LOCALAPPDATA") ?? Path.Combine(_home, "AppData", "Local"), "ms-playwright");
        }

        if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
        {
            return Path.Combine(_home, "Library", "Caches", "ms-playwright");
        }

        var xdg = _environment("XDG_CACHE_HOME");
        return Path.Combine(string.IsNullOrWhiteSpace(xdg) ? Path.Combine(_home, ".cache") : xdg, "ms-playwright");
    }

    private IEnumerable<string> PlaywrightBinaries(string cache)
    {
        // Newest revision first; the full browser before the headless shell.
        var browsers = _directories(cache)
            .Select(d => (Path: d, Name: Path.GetFileName(d)))
            .Where(d => d.Name.StartsWith("chromium-", StringComparison.Ordinal) || d.Name.StartsWith("chromium_headless_shell-", StringComparison.Ordinal))
            .OrderBy(d => d.Name.StartsWith("chromium_headless_shell-", StringComparison.Ordinal))
            .ThenByDescending(d => Revision(d.Name));
        foreach (var (path, _) in browsers)
        {
            yield return Path.Combine(path, "chrome-linux64", "chrome");
            yield return Path.Combine(path, "chrome-linux", "chrome");
            yield return Path.Combine(path, "chrome-headless-shell-linux64", "chrome-headless-shell");
            yield return Path.Combine(path, "chrome-linux", "headless_shell");
            yield return Path.Combine(path, "chrome-mac", "Chromium.app", "Contents", "MacOS", "Chromium");
            yield return Path.Combine(path, "chrome-win", "chrome.exe");
        }
    }

    private static int Revision(string name) =>
        int.TryParse(name[(name.LastIndexOf('-') + 1)..], global::System.Globalization.NumberStyles.Integer, global::System.Globalization.CultureInfo.InvariantCulture, out var revision) ? revision : 0;
}
