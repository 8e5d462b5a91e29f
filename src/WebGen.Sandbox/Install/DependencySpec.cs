namespace WebGen.Sandbox.Install;

/// <summary>
/// Recognises dependency specs that make npm read this machine's files outside the project: <c>link:</c>,
/// <c>portal:</c>, <c>git+file:</c> and <c>workspace:</c>, and <c>file:</c> specs, paths and local tarballs that are
/// absolute, start at <c>~</c>, climb out with <c>..</c> or pass through a symbolic link (npm links or copies such a
/// folder into <c>node_modules</c>, so a site could pull in any host file). A folder or tarball inside the project
/// (<c>file:./vendor/lib</c>) is allowed.
/// </summary>
internal static class DependencySpec
{
    private static readonly string[] HostProtocols = ["link:", "portal:", "git+file:", "workspace:"];

    /// <summary>The message for the model when a spec points at the host.</summary>
    public const string Advice =
        "dependencies must come from the npm registry or from a folder inside the project: paths that leave the project (absolute, ~ or ..) or pass through a symbolic link, and the link:, portal: and git+file: protocols, are not allowed in the sandbox; use a published version (for example \"^1.2.3\") or put the code in the project's own files";

    /// <summary>
    /// True when <paramref name="spec"/> (a version range, tag, URL or path, as in package.json) points at this machine
    /// outside <paramref name="baseDirectory"/>, the folder a relative path is taken from.
    /// </summary>
    public static bool PointsAtHost(string spec, string baseDirectory)
    {
        var value = spec.Trim();
        if (value.StartsWith("npm:", StringComparison.OrdinalIgnoreCase))
        {
            // An alias, "npm:name@spec": judge the aliased spec.
            return PointsAtHost(VersionPart(value[4..]) ?? "", baseDirectory);
        }

        if (HostProtocols.Any(p => value.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        string path;
        if (value.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            path = value[5..];
        }
        else if (IsPath(value))
        {
            path = value;
        }
        else
        {
            return false;
        }

        path = path.Replace('\\', '/');
        if (path.StartsWith('/') || path.StartsWith('~') || (path.Length >= 2 && path[1] == ':'))
        {
            return true; // file:///x, file:/x and plain absolute, home and drive paths
        }

        var segments = path.Split('/').Where(s => s.Length > 0 && s != ".").ToArray();
        if (segments.Contains(".."))
        {
            return true;
        }

        // A link inside the project can point anywhere: npm would follow it.
        for (var i = 1; i <= segments.Length; i++)
        {
            if (LinkSafeFiles.Kind(baseDirectory, segments[..i]) is EntryKind.SymbolicLink)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when a command-line package argument (<c>name</c>, <c>name@spec</c>, <c>@scope/name@spec</c>, a path or URL)
    /// points at this machine outside <paramref name="baseDirectory"/>.
    /// </summary>
    public static bool ArgumentPointsAtHost(string argument, string baseDirectory) =>
        PointsAtHost(argument, baseDirectory) || (VersionPart(argument) is { } version && PointsAtHost(version, baseDirectory));

    // npm-package-arg's test for a path (., /, \, ~/, a drive letter), plus tarball file names, which npm reads from disk.
    // A bare "~" starts a semver tilde range ("~4.2.1"), not a home path.
    private static bool IsPath(string value) =>
        value.StartsWith('.') || value.StartsWith('/') || value.StartsWith('\\') || value.StartsWith("~/", StringComparison.Ordinal) || value.StartsWith("~\\", StringComparison.Ordinal)
        || (value.Length >= 2 && char.IsAsciiLetter(value[0]) && value[1] == ':' && !value.Contains("://", StringComparison.Ordinal))
        || (!value.Contains("://", StringComparison.Ordinal)
            && (value.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase) || value.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || value.EndsWith(".tar", StringComparison.OrdinalIgnoreCase)));

    // "name@spec" or "@scope/name@spec" → "spec"; null without a version part (a URL's "user@host" is none).
    private static string? VersionPart(string argument)
    {
        var at = argument.IndexOf('@', argument.StartsWith('@') ? 1 : 0);
        return at < 0 || argument[..at].Contains(':', StringComparison.Ordinal) ? null : argument[(at + 1)..];
    }
}
