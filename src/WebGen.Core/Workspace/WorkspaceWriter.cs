using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WebGen;

/// <summary>
/// Applies file actions to a workspace directory inside a jail: absolute paths, <c>..</c> escapes,
/// symlinks anywhere on the way, device names, NUL and control characters, paths into <c>node_modules</c> or
/// <c>.git</c>, and package-manager configuration files (<c>.npmrc</c>, <c>.yarnrc</c>, …) are refused, as are files
/// over the size cap, files beyond the per-step count cap and writes that would grow the project past
/// <see cref="WorkspaceOptions.MaxWorkspaceBytes"/>. Every refusal is returned with a reason for the model.
/// </summary>
/// <remarks>
/// Code the model wrote runs while files are written (the dev server, its config), so the workspace can change
/// under the writer. A write never follows a symbolic link, not even one planted between the check and the write:
/// on Linux every step is relative to directory descriptors opened without following links, the new content goes
/// into a freshly created file (exclusive create, random name) that is renamed over the target and checked again
/// afterwards, so a hard link to a file outside the workspace is replaced, never written through.
/// </remarks>
public sealed class WorkspaceWriter
{
    private static readonly string[] ReservedSegments = ["node_modules", ".git"];

    // npm reads a project's .npmrc (registry, git and shell programs, scripts, node options); the others serve the
    // other package managers. None is needed to build a site, so none may be written.
    private static readonly HashSet<string> PackageManagerConfigs = new(StringComparer.OrdinalIgnoreCase)
    {
        ".npmrc", ".yarnrc", ".yarnrc.yml", ".pnpmrc", ".pnpmfile.cjs",
    };
    private static readonly string[] ViteConfigNames = ["vite.config.js", "vite.config.ts", "vite.config.mjs", "vite.config.cjs", "vite.config.mts", "vite.config.cts"];
    private static readonly HashSet<string> DeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    private readonly WorkspaceOptions _options;

    /// <summary>Creates a writer with the given limits.</summary>
    /// <param name="options">The limits; defaults when null.</param>
    public WorkspaceWriter(WorkspaceOptions? options = null) => _options = options ?? new WorkspaceOptions();

    /// <summary>Writes <paramref name="files"/> into <paramref name="workspacePath"/>, in order.</summary>
    /// <param name="workspacePath">The workspace root; created when missing.</param>
    /// <param name="files">The file actions of one step.</param>
    /// <param name="cancellationToken">Stops between files.</param>
    public Task<WorkspaceWriteReport> ApplyAsync(string workspacePath, IEnumerable<FileAction> files, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspacePath);
        ArgumentNullException.ThrowIfNull(files);
        var root = Path.GetFullPath(workspacePath);
        Directory.CreateDirectory(root);

        // Whatever wrote them (earlier steps, shell actions, the site itself), the project's files count.
        var sizes = LinkSafeFiles.Walk(root, WorkspaceSnapshot.SkippedDirectories).ToDictionary(f => f.RelativePath, f => f.Size, StringComparer.Ordinal);
        var total = sizes.Values.Sum();

        var written = new List<string>();
        var rejected = new List<RejectedFile>();
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (written.Count >= _options.MaxFilesPerStep)
            {
                rejected.Add(new RejectedFile { Path = file.FilePath, Reason = $"more than {_options.MaxFilesPerStep} files in one step; write the rest in the next step" });
                continue;
            }

            if (file.IsTruncated)
            {
                rejected.Add(new RejectedFile { Path = file.FilePath, Reason = "the file action has no closing </boltAction>, so its content is cut off; write the whole file again" });
                continue;
            }

            if (!TryResolve(root, file.FilePath, out var relative, out _, out var reason))
            {
                rejected.Add(new RejectedFile { Path = file.FilePath, Reason = reason });
                continue;
            }

            var bytes = Encoding.UTF8.GetBytes(file.Content);
            if (bytes.Length > _options.MaxFileBytes)
            {
                rejected.Add(new RejectedFile { Path = file.FilePath, Reason = $"the file is {bytes.Length} bytes, over the {_options.MaxFileBytes}-byte limit; split it into smaller modules" });
                continue;
            }

            var previous = sizes.GetValueOrDefault(relative);
            var after = total - previous + bytes.Length;
            if (after > _options.MaxWorkspaceBytes)
            {
                rejected.Add(new RejectedFile
                {
                    Path = file.FilePath,
                    Reason = string.Create(CultureInfo.InvariantCulture, $"writing it would bring the project's files to {after} bytes, over the {_options.MaxWorkspaceBytes}-byte limit for the whole project (node_modules, .git and build output do not count); delete files the site does not need or make large files smaller, then write it again"),
                });
                continue;
            }

            var failure = LinkSafeFiles.Write(root, relative.Split('/'), bytes);
            if (failure is not null)
            {
                rejected.Add(new RejectedFile { Path = file.FilePath, Reason = failure });
                continue;
            }

            total = after;
            sizes[relative] = bytes.Length;
            written.Add(relative);
        }

        var addedConfig = _options.WriteDefaultViteConfig && written.Count > 0 && WriteDefaultViteConfigIfMissing(root);
        return Task.FromResult(new WorkspaceWriteReport { Written = written, Rejected = rejected, AddedDefaultViteConfig = addedConfig });
    }

    /// <summary>
    /// Checks a model-written path against the jail and resolves it under <paramref name="root"/>.
    /// </summary>
    /// <param name="root">The absolute workspace root.</param>
    /// <param name="path">The path as the model wrote it.</param>
    /// <param name="relative">The normalised relative path with forward slashes.</param>
    /// <param name="full">The absolute path inside the workspace.</param>
    /// <param name="reason">Why the path was refused.</param>
    /// <returns>True when the path may be written.</returns>
    public static bool TryResolve(string root, string path, out string relative, out string full, out string reason)
    {
        ArgumentNullException.ThrowIfNull(root);
        full = "";
        if (!TryNormalise(path, out relative, out reason))
        {
            return false;
        }

        var segments = relative.Split('/');

        // Refuse to follow a symlink anywhere on the way: a link planted earlier could point outside.
        var current = root;
        for (var i = 0; i < segments.Length; i++)
        {
            current = Path.Combine(current, segments[i]);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.Exists && info.LinkTarget is not null)
            {
                reason = $"'{string.Join('/', segments.Take(i + 1))}' is a symbolic link; writing through links is not allowed";
                return false;
            }

            if (i < segments.Length - 1 && File.Exists(current))
            {
                reason = $"'{string.Join('/', segments.Take(i + 1))}' is a file, not a directory";
                return false;
            }
        }

        if (Directory.Exists(current))
        {
            reason = $"'{relative}' is a directory";
            return false;
        }

        full = Path.GetFullPath(current);
        var rootWithSeparator = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        if (!full.StartsWith(rootWithSeparator, StringComparison.Ordinal))
        {
            reason = "the path resolves outside the project";
            return false;
        }

        reason = "";
        return true;
    }

    /// <summary>Checks the path's form (no escapes, reserved names or configuration files) without looking at the disk.</summary>
    internal static bool TryNormalise(string path, out string relative, out string reason)
    {
        relative = "";
        if (string.IsNullOrWhiteSpace(path))
        {
            reason = "the path is empty";
            return false;
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            reason = "the path contains a NUL character";
            return false;
        }

        if (path.Any(char.IsControl))
        {
            reason = "the path contains control characters";
            return false;
        }

        var normalised = path.Trim().Replace('\\', '/');
        if (normalised.StartsWith('/') || normalised.StartsWith('~') || (normalised.Length >= 2 && normalised[1] == ':'))
        {
            reason = "absolute paths are not allowed; use a path relative to the project root (for example src/App.jsx)";
            return false;
        }

        var segments = new List<string>();
        foreach (var segment in normalised.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                reason = "'..' is not allowed: files must stay inside the project";
                return false;
            }

            if (ReservedSegments.Contains(segment, StringComparer.OrdinalIgnoreCase))
            {
                reason = $"writing into {segment} is not allowed; declare dependencies in package.json instead";
                return false;
            }

            var stem = segment.Split('.')[0];
            if (DeviceNames.Contains(stem))
            {
                reason = $"'{segment}' is a reserved device name";
                return false;
            }

            if (PackageManagerConfigs.Contains(segment))
            {
                reason = $"'{segment}' is a package-manager configuration file, and those are not allowed here: they can point npm at other programs, files or registries. Keep settings in package.json or vite.config.js";
                return false;
            }

            if (segment.EndsWith(' ') || Encoding.UTF8.GetByteCount(segment) > 255)
            {
                reason = $"'{segment}' is not a valid file name";
                return false;
            }

            segments.Add(segment);
        }

        if (segments.Count == 0)
        {
            reason = "the path names no file";
            return false;
        }

        relative = string.Join('/', segments);
        if (relative.Length > 400)
        {
            reason = "the path is longer than 400 characters";
            return false;
        }

        reason = "";
        return true;
    }


    private static bool WriteDefaultViteConfigIfMissing(string root)
    {
        if (ViteConfigNames.Any(n => LinkSafeFiles.Kind(root, [n]) != EntryKind.Missing))
        {
            return false;
        }

        var packageJson = LinkSafeFiles.Read(root, ["package.json"], 1024 * 1024);
        if (packageJson.Content is not { } text)
        {
            return false;
        }

        bool usesVite, usesReactPlugin, swc;
        try
        {
            using var doc = JsonDocument.Parse(text);
            usesVite = HasDependency(doc.RootElement, "vite");
            usesReactPlugin = HasDependency(doc.RootElement, "@vitejs/plugin-react") || HasDependency(doc.RootElement, "@vitejs/plugin-react-swc");
            swc = !HasDependency(doc.RootElement, "@vitejs/plugin-react") && HasDependency(doc.RootElement, "@vitejs/plugin-react-swc");
        }
        catch (JsonException)
        {
            return false;
        }

        if (!usesVite)
        {
            return false;
        }

        var config = usesReactPlugin
            ? "import { defineConfig } from 'vite';\nimport react from '" + (swc ? "@vitejs/plugin-react-swc" : "@vitejs/plugin-react") + "';\n\nexport default defineConfig({\n  plugins: [react()],\n});\n"
            : "import { defineConfig } from 'vite';\n\nexport default defineConfig({});\n";
        return LinkSafeFiles.Write(root, ["vite.config.js"], Encoding.UTF8.GetBytes(config)) is null;
    }

    private static bool HasDependency(JsonElement root, string name)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var section in new[] { "dependencies", "devDependencies" })
        {
            if (root.TryGetProperty(section, out var deps) && deps.ValueKind == JsonValueKind.Object && deps.TryGetProperty(name, out _))
            {
                return true;
            }
        }

        return false;
    }
}
