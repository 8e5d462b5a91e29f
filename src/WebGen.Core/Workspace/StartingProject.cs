using System.Globalization;
using System.Text;

namespace WebGen;

/// <summary>
/// The project a run continues (<see cref="WebGenRequest.StartingFiles"/>, <see cref="WebGenRequest.StartingDirectory"/>):
/// gathered before anything is written, written into the new workspace through the workspace jail, and described to the
/// code model in its first message — the whole file tree, and the contents of the files most likely to matter within a
/// character budget.
/// </summary>
internal static class StartingProject
{
    /// <summary>Most paths listed in the file tree; a larger project's tree ends with a count of the rest.</summary>
    public const int MaxTreeEntries = 1000;

    // Generated files that are long and say nothing the model needs: listed in the tree, never shown.
    private static readonly HashSet<string> NeverShown = new(StringComparer.OrdinalIgnoreCase)
    {
        "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "bun.lockb", "npm-shrinkwrap.json",
    };

    private static readonly HashSet<string> SourceExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".html", ".htm", ".css", ".less", ".scss", ".sass", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx",
        ".vue", ".svelte", ".json", ".md", ".txt", ".svg", ".yml", ".yaml", ".toml",
    };

    private static readonly string[] EntryStems = ["index", "main", "app", "App"];

    /// <summary>True when the request continues an existing project.</summary>
    public static bool IsRequested(WebGenRequest request) => request.StartingFiles.Count > 0 || request.StartingDirectory is not null;

    /// <summary>
    /// The files of <see cref="WebGenRequest.StartingDirectory"/> (dependencies, history and build output left out,
    /// links not followed) overlaid with <see cref="WebGenRequest.StartingFiles"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The directory does not exist or exceeds the workspace limits, or a starting file has no path.</exception>
    public static Gathered Gather(WebGenRequest request, WorkspaceOptions limits, CancellationToken cancellationToken)
    {
        var text = new Dictionary<string, string>(StringComparer.Ordinal);
        var binary = new List<BinaryFile>();
        string? directory = null;
        if (request.StartingDirectory is { } given)
        {
            directory = Path.GetFullPath(given);
            if (!Directory.Exists(directory))
            {
                throw new ArgumentException($"WebGenRequest.StartingDirectory '{directory}' does not exist; give the folder of the project to continue.", nameof(request));
            }

            long total = 0;
            var tooLarge = new List<string>();
            foreach (var entry in LinkSafeFiles.Walk(directory, WorkspaceSnapshot.SkippedDirectories))
            {
                cancellationToken.ThrowIfCancellationRequested();
                total += entry.Size;
                if (total > limits.MaxWorkspaceBytes)
                {
                    throw new ArgumentException($"WebGenRequest.StartingDirectory '{directory}' holds more than WebGenAgentOptions.Workspace.MaxWorkspaceBytes ({limits.MaxWorkspaceBytes} bytes) outside node_modules, .git and build output; give the project's own folder or raise the limit.", nameof(request));
                }

                if (entry.Size > limits.MaxFileBytes)
                {
                    tooLarge.Add(entry.RelativePath);
                    continue;
                }

                if (LinkSafeFiles.Read(directory, entry.RelativePath.Split('/'), limits.MaxFileBytes).Content is not { } bytes)
                {
                    continue;
                }

                // Images and fonts are copied as they are: checkpoints keep text files, and a restore leaves binary files in place.
                if (Array.IndexOf(bytes, (byte)0) >= 0)
                {
                    binary.Add(new BinaryFile(entry.RelativePath, bytes));
                }
                else
                {
                    text[entry.RelativePath] = Encoding.UTF8.GetString(bytes);
                }
            }

            if (tooLarge.Count > 0)
            {
                throw new ArgumentException($"WebGenRequest.StartingDirectory has files over WebGenAgentOptions.Workspace.MaxFileBytes ({limits.MaxFileBytes} bytes): {string.Join(", ", tooLarge.Take(20))}. Remove them from the folder or raise the limit.", nameof(request));
            }
        }

        foreach (var file in request.StartingFiles)
        {
            if (file is null || string.IsNullOrWhiteSpace(file.Path))
            {
                throw new ArgumentException("Every entry of WebGenRequest.StartingFiles needs a path relative to the project root.", nameof(request));
            }

            text[file.Path] = file.Content ?? "";
        }

        return new Gathered([.. text.Select(p => new WorkspaceFile { Path = p.Key, Content = p.Value })], binary);
    }

    /// <summary>
    /// Writes the starting files into the empty workspace through the workspace jail (no default Vite config is added: the
    /// project is the user's) and returns the text files as they now stand, the run's restore point below every step.
    /// </summary>
    /// <exception cref="ArgumentException">The jail refused a file; the message lists each one with its reason.</exception>
    public static async Task<IReadOnlyList<WorkspaceFile>> WriteAsync(string workspace, Gathered gathered, WorkspaceOptions limits, CancellationToken cancellationToken)
    {
        var jail = new WorkspaceOptions
        {
            MaxFileBytes = limits.MaxFileBytes,
            MaxWorkspaceBytes = limits.MaxWorkspaceBytes,
            MaxFilesPerStep = Math.Max(limits.MaxFilesPerStep, gathered.Files.Count),
            WriteDefaultViteConfig = false,
        };
        var report = await new WorkspaceWriter(jail)
            .ApplyAsync(workspace, gathered.Files.Select(f => new FileAction { FilePath = f.Path, Content = f.Content }), cancellationToken).ConfigureAwait(false);
        var refused = report.Rejected.Select(r => $"{r.Path}: {r.Reason}").ToList();
        foreach (var file in gathered.BinaryFiles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!WorkspaceWriter.TryResolve(workspace, file.Path, out var relative, out _, out var reason))
            {
                refused.Add($"{file.Path}: {reason}");
            }
            else if (LinkSafeFiles.Write(workspace, relative.Split('/'), file.Content) is { } failure)
            {
                refused.Add($"{file.Path}: {failure}");
            }
        }

        if (refused.Count > 0)
        {
            throw new ArgumentException(
                "The starting files cannot be written into the workspace (the same rules apply as to the model's files): " + string.Join("; ", refused) + ". Leave these files out of the starting files or raise WebGenAgentOptions.Workspace limits.",
                nameof(gathered));
        }

        return await WorkspaceSnapshot.CaptureAsync(workspace, limits.MaxFileBytes, limits.MaxWorkspaceBytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What the first message adds to the instruction: every path (up to <see cref="MaxTreeEntries"/>) with its size, then
    /// whole files, best first, while they fit in <paramref name="budget"/> characters. Best means: files the instruction
    /// names (by path or file name), then the manifest and entry points (<c>package.json</c>, <c>index.html</c>,
    /// <c>main</c>/<c>index</c>/<c>App</c> sources), then other source files, then the rest; within each group shallower
    /// and smaller files first, so more of them fit. A file is shown whole or not at all (a cut file would be rewritten
    /// cut), lockfiles never; the files left out are named so the model knows they exist.
    /// </summary>
    public static string Describe(IReadOnlyList<WorkspaceFile> files, string instruction, int budget)
    {
        var text = new StringBuilder();
        text.Append("You are changing an existing project: its files below are already in the workspace. ")
            .Append("Write only the files you change or add, each one complete; every other file stays as it is.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Project files ({files.Count}):\n");
        foreach (var file in files.Take(MaxTreeEntries))
        {
            text.Append(CultureInfo.InvariantCulture, $"- {file.Path} ({Encoding.UTF8.GetByteCount(file.Content)} bytes)\n");
        }

        if (files.Count > MaxTreeEntries)
        {
            text.Append(CultureInfo.InvariantCulture, $"- … and {files.Count - MaxTreeEntries} more\n");
        }

        var shown = new List<WorkspaceFile>();
        var left = new List<string>();
        var remaining = budget;
        foreach (var file in files.OrderBy(f => Rank(f.Path, instruction)).ThenBy(f => f.Path.Count(c => c == '/')).ThenBy(f => f.Content.Length).ThenBy(f => f.Path, StringComparer.Ordinal))
        {
            var cost = file.Path.Length + file.Content.Length + 16;
            if (NeverShown.Contains(Path.GetFileName(file.Path)) || cost > remaining)
            {
                left.Add(file.Path);
                continue;
            }

            remaining -= cost;
            shown.Add(file);
        }

        if (shown.Count > 0)
        {
            text.Append("\nContents:\n");
            foreach (var file in shown.OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                text.Append("\n--- ").Append(file.Path).Append(" ---\n").Append(file.Content);
                if (!file.Content.EndsWith('\n'))
                {
                    text.Append('\n');
                }
            }
        }

        if (left.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nNot shown for length ({left.Count}): ")
                .Append(string.Join(", ", left.Order(StringComparer.Ordinal).Take(200)))
                .Append(left.Count > 200 ? ", …" : "")
                .Append(". Rewrite one of them only if you must, and then in full.\n");
        }

        return text.ToString();
    }

    /// <summary>0: named in the instruction; 1: manifest or entry point; 2: other source; 3: the rest.</summary>
    private static int Rank(string path, string instruction)
    {
        var name = Path.GetFileName(path);
        if (instruction.Contains(path, StringComparison.OrdinalIgnoreCase) || (name.Length >= 5 && instruction.Contains(name, StringComparison.OrdinalIgnoreCase)))
        {
            return 0;
        }

        var stem = Path.GetFileNameWithoutExtension(name);
        var extension = Path.GetExtension(name);
        if (name is "package.json" or "index.html" || (EntryStems.Contains(stem, StringComparer.Ordinal) && SourceExtensions.Contains(extension) && extension != ".json"))
        {
            return 1;
        }

        return SourceExtensions.Contains(extension) ? 2 : 3;
    }

    /// <summary>The gathered starting project: its text files, and the directory's binary files to copy.</summary>
    internal sealed record class Gathered(IReadOnlyList<WorkspaceFile> Files, IReadOnlyList<BinaryFile> BinaryFiles);

    /// <summary>A binary file of the starting directory.</summary>
    internal sealed record class BinaryFile(string Path, byte[] Content);
}
