namespace WebGen.Sandbox.Install;

/// <summary>
/// Recognises dependency specs that make npm read from this machine instead of a registry: <c>file:</c>,
/// <c>link:</c>, <c>portal:</c>, <c>git+file:</c>, absolute, home and relative paths and local tarballs (npm
/// links or copies such a folder or archive into <c>node_modules</c>, so a site could pull in any host file).
/// </summary>
internal static class DependencySpec
{
    private static readonly string[] HostProtocols = ["file:", "link:", "portal:", "git+file:", "workspace:"];

    /// <summary>The message for the model when a spec points at the host.</summary>
    public const string Advice =
        "dependencies must come from the npm registry: local paths and the file:, link:, portal: and git+file: protocols are not allowed in the sandbox; use a published version (for example \"^1.2.3\") or put the code in the project's own files";

    /// <summary>True when <paramref name="spec"/> (a version range, tag, URL or path, as in package.json) points at this machine.</summary>
    public static bool PointsAtHost(string spec)
    {
        var value = spec.Trim();
        if (value.StartsWith("npm:", StringComparison.OrdinalIgnoreCase))
        {
            // An alias, "npm:name@spec": judge the aliased spec.
            return PointsAtHost(VersionPart(value[4..]) ?? "");
        }

        if (HostProtocols.Any(p => value.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        // npm-package-arg's own test for a path, plus Windows drive letters and tarball file names.
        return value.StartsWith('.') || value.StartsWith('/') || value.StartsWith('\\') || value.StartsWith('~')
            || (value.Length >= 2 && char.IsAsciiLetter(value[0]) && value[1] == ':' && !value.Contains("://", StringComparison.Ordinal))
            || (!value.Contains("://", StringComparison.Ordinal)
                && (value.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase) || value.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || value.EndsWith(".tar", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>True when a command-line package argument (<c>name</c>, <c>name@spec</c>, <c>@scope/name@spec</c>, a path or URL) points at this machine.</summary>
    public static bool ArgumentPointsAtHost(string argument) =>
        PointsAtHost(argument) || (VersionPart(argument) is { } version && PointsAtHost(version));

    // "name@spec" or "@scope/name@spec" → "spec"; null without a version part (a URL's "user@host" is none).
    private static string? VersionPart(string argument)
    {
        var at = argument.IndexOf('@', argument.StartsWith('@') ? 1 : 0);
        return at < 0 || argument[..at].Contains(':', StringComparison.Ordinal) ? null : argument[(at + 1)..];
    }
}
