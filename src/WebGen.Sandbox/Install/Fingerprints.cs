using System.Security.Cryptography;
using System.Text;

namespace WebGen.Sandbox.Install;

/// <summary>
/// Hashes that decide what a step must redo: the dependency fingerprint (reinstall) and the server
/// fingerprint (restart). File edits under <c>src/</c> change neither: the dev server's hot reload serves them.
/// </summary>
internal static class Fingerprints
{
    private const int MaxHashedBytes = 64 * 1024 * 1024;

    private static readonly string[] LockFiles = ["package-lock.json", "npm-shrinkwrap.json"];

    // Root files a running dev server reads only at start-up (or restarts itself for, unpredictably).
    private static readonly string[] ConfigPrefixes = ["vite.config.", "postcss.config.", "tailwind.config.", ".env"];

    public static string Dependencies(string workspace, ProjectManifest manifest, bool allowInstallScripts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, manifest.DependenciesCanonical);
        Append(hash, allowInstallScripts ? "scripts:on" : "scripts:off");
        foreach (var lockFile in LockFiles)
        {
            AppendFile(hash, workspace, lockFile);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static string Server(string workspace, ProjectManifest manifest, string dependencies, string command)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, dependencies);
        Append(hash, manifest.ScriptsCanonical);
        Append(hash, command);
        var configFiles = Directory.EnumerateFiles(workspace)
            .Select(Path.GetFileName)
            .Where(name => ConfigPrefixes.Any(prefix => name!.StartsWith(prefix, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal);
        foreach (var name in configFiles)
        {
            AppendFile(hash, workspace, name!);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string text)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(text));
        hash.AppendData([0]);
    }

    // Never through a link, never a FIFO (reading one would block the host): such an entry counts as what it is.
    private static void AppendFile(IncrementalHash hash, string workspace, string name)
    {
        Append(hash, name);
        var read = LinkSafeFiles.Read(workspace, [name], MaxHashedBytes);
        if (read.Content is { } content)
        {
            hash.AppendData(content);
        }
        else
        {
            Append(hash, read.TooLarge ? $"<{read.Size} bytes>" : $"<{read.Kind}>");
        }

        hash.AppendData([0]);
    }
}
