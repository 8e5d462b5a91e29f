using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebGen;

/// <summary>
/// Reads and writes a run directory. Every write is atomic (temp file + rename); a step is written
/// into <c>steps/NNNN.tmp</c> and renamed to <c>steps/NNNN</c> only when complete, so a run killed at
/// any moment leaves either a whole step or none.
/// </summary>
/// <remarks>
/// <para>
/// Layout: <c>run.json</c> (manifest), <c>state.json</c>, <c>result.json</c> (when ended),
/// <c>workspace/</c> (the live site), <c>blobs/xx/&lt;sha-256&gt;</c> (file contents, each stored once),
/// <c>starting-files.json</c> (the files a run that continues a project started from: every path and content hash), and per step
/// <c>steps/NNNN/</c> with <c>step.json</c>, <c>new-messages.json</c> (the messages the step added to its parent's
/// chat), <c>screenshot.png</c>, <c>gui-NN.png</c> and, for code steps, <c>tree.json</c> (every file's path and
/// content hash). A step therefore stores only what changed: a run grows with what the model writes, not with
/// steps × project size or steps² × chat length.
/// </para>
/// <para>
/// Run directories of format 1 (a full <c>messages.json</c> and <c>files.json</c> per step) still load, resume and
/// backtrack; steps added to them later are written in the new form.
/// </para>
/// </remarks>
internal sealed class RunStore
{
    internal static readonly JsonSerializerOptions Json = CreateJsonOptions();

    private const string NewMessagesFile = "new-messages.json";
    private const string TreeFile = "tree.json";
    private const string LegacyMessagesFile = "messages.json";
    private const string LegacyFilesFile = "files.json";
    private const string StartingTreeFile = "starting-files.json";

    public RunStore(string runDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDirectory);
        Root = Path.GetFullPath(runDirectory);
    }

    public string Root { get; }

    public string WorkspacePath => Path.Combine(Root, "workspace");

    public string StepsPath => Path.Combine(Root, "steps");

    public string BlobsPath => Path.Combine(Root, "blobs");

    public bool HasManifest => File.Exists(Path.Combine(Root, "run.json"));

    public static string StepName(int step) => step.ToString("D4", CultureInfo.InvariantCulture);

    public string StepPath(int step) => Path.Combine(StepsPath, StepName(step));

    public Task WriteManifestAsync(RunManifest manifest, CancellationToken cancellationToken)
        => WriteJsonAsync(Path.Combine(Root, "run.json"), manifest, cancellationToken);

    public Task WriteStateAsync(RunState state, CancellationToken cancellationToken)
        => WriteJsonAsync(Path.Combine(Root, "state.json"), state, cancellationToken);

    public Task WriteResultAsync(WebGenResult result, CancellationToken cancellationToken)
        => WriteJsonAsync(Path.Combine(Root, "result.json"), result with { Steps = [] }, cancellationToken);

    /// <summary>
    /// Writes a completed step atomically: <paramref name="newMessages"/> are what the step added to its parent node's
    /// chat, <paramref name="files"/> the workspace after a code step (null for other steps).
    /// </summary>
    public async Task WriteStepAsync(StepRecord record, IReadOnlyList<StoredMessage> newMessages, IReadOnlyList<WorkspaceFile>? files, RunState stateAfter, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(StepsPath);
        var final = StepPath(record.Node.Step);
        var temp = final + ".tmp";
        if (Directory.Exists(temp))
        {
            Directory.Delete(temp, recursive: true);
        }

        Directory.CreateDirectory(temp);
        var stored = record;
        if (record.Capture is { } capture && !capture.Png.IsEmpty)
        {
            await File.WriteAllBytesAsync(Path.Combine(temp, "screenshot.png"), capture.Png.ToArray(), cancellationToken).ConfigureAwait(false);
            stored = stored with { Capture = capture with { Png = ReadOnlyMemory<byte>.Empty } };
        }

        if (record.GuiTest is { } gui && gui.Trajectory.Any(s => !s.ScreenshotAfter.IsEmpty))
        {
            var steps = new List<GuiTrajectoryStep>();
            foreach (var s in gui.Trajectory)
            {
                if (!s.ScreenshotAfter.IsEmpty)
                {
                    await File.WriteAllBytesAsync(Path.Combine(temp, GuiScreenshotName(s.Index)), s.ScreenshotAfter.ToArray(), cancellationToken).ConfigureAwait(false);
                }

                steps.Add(s with { ScreenshotAfter = ReadOnlyMemory<byte>.Empty });
            }

            stored = stored with { GuiTest = gui with { Trajectory = steps } };
        }

        await WriteJsonAsync(Path.Combine(temp, "step.json"), new StoredStep { Record = stored, StateAfter = stateAfter }, cancellationToken).ConfigureAwait(false);
        await WriteJsonAsync(Path.Combine(temp, NewMessagesFile), newMessages, cancellationToken).ConfigureAwait(false);
        if (files is not null)
        {
            // Blobs first: a step folder that exists refers only to blobs that exist.
            var tree = new List<StoredFile>(files.Count);
            foreach (var file in files)
            {
                tree.Add(new StoredFile(file.Path, await WriteBlobAsync(Encoding.UTF8.GetBytes(file.Content), cancellationToken).ConfigureAwait(false)));
            }

            await WriteJsonAsync(Path.Combine(temp, TreeFile), tree, cancellationToken).ConfigureAwait(false);
        }

        if (Directory.Exists(final))
        {
            Directory.Delete(final, recursive: true);
        }

        Directory.Move(temp, final);
    }

    /// <summary>Stores the files the run started from (<c>starting-files.json</c>): the restore point below every step.</summary>
    public async Task WriteStartingFilesAsync(IReadOnlyList<WorkspaceFile> files, CancellationToken cancellationToken)
    {
        var tree = new List<StoredFile>(files.Count);
        foreach (var file in files)
        {
            tree.Add(new StoredFile(file.Path, await WriteBlobAsync(Encoding.UTF8.GetBytes(file.Content), cancellationToken).ConfigureAwait(false)));
        }

        await WriteJsonAsync(Path.Combine(Root, StartingTreeFile), tree, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The chat as of <paramref name="step"/>: its parent chain's additions on top of the initial messages.</summary>
    public async Task<IReadOnlyList<StoredMessage>> ReadMessagesAsync(int step, IReadOnlyDictionary<int, StepNode> nodes, IReadOnlyList<StoredMessage> initial, CancellationToken cancellationToken)
    {
        var additions = new Stack<IReadOnlyList<StoredMessage>>();
        IReadOnlyList<StoredMessage> start = initial;
        for (int? current = step; current is { } s; current = nodes.TryGetValue(s, out var node) ? node.Parent : null)
        {
            var full = Path.Combine(StepPath(s), LegacyMessagesFile);
            if (File.Exists(full))
            {
                // Format 1: the whole chat as of that step.
                start = await ReadJsonAsync<List<StoredMessage>>(full, cancellationToken).ConfigureAwait(false) ?? [];
                break;
            }

            additions.Push(await ReadJsonAsync<List<StoredMessage>>(Path.Combine(StepPath(s), NewMessagesFile), cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Run directory '{Root}' is damaged: step {StepName(s)} has no {NewMessagesFile}."));
        }

        var messages = new List<StoredMessage>(start);
        while (additions.Count > 0)
        {
            messages.AddRange(additions.Pop());
        }

        return messages;
    }

    /// <summary>
    /// The files as of <paramref name="step"/>: its own snapshot or its nearest code-step ancestor's; with none (or a null
    /// step), the files the run started from — empty unless it continued a project.
    /// </summary>
    public async Task<IReadOnlyList<WorkspaceFile>> ReadFilesAsync(int? step, IReadOnlyDictionary<int, StepNode> nodes, CancellationToken cancellationToken)
    {
        for (var current = step; current is { } s; current = nodes.TryGetValue(s, out var node) ? node.Parent : null)
        {
            var tree = Path.Combine(StepPath(s), TreeFile);
            if (File.Exists(tree))
            {
                return await ReadTreeAsync(tree, cancellationToken).ConfigureAwait(false);
            }

            var legacy = Path.Combine(StepPath(s), LegacyFilesFile);
            if (File.Exists(legacy))
            {
                return await ReadJsonAsync<List<WorkspaceFile>>(legacy, cancellationToken).ConfigureAwait(false) ?? [];
            }
        }

        var starting = Path.Combine(Root, StartingTreeFile);
        return File.Exists(starting) ? await ReadTreeAsync(starting, cancellationToken).ConfigureAwait(false) : [];
    }

    private async Task<IReadOnlyList<WorkspaceFile>> ReadTreeAsync(string tree, CancellationToken cancellationToken)
    {
        var entries = await ReadJsonAsync<List<StoredFile>>(tree, cancellationToken).ConfigureAwait(false) ?? [];
        var files = new List<WorkspaceFile>(entries.Count);
        foreach (var entry in entries)
        {
            files.Add(new WorkspaceFile { Path = entry.Path, Content = Encoding.UTF8.GetString(await ReadBlobAsync(entry.Sha256, cancellationToken).ConfigureAwait(false)) });
        }

        return files;
    }

    public async Task<RunCheckpoint> LoadAsync(CancellationToken cancellationToken)
    {
        var manifestPath = Path.Combine(Root, "run.json");
        if (!File.Exists(manifestPath))
        {
            throw new InvalidOperationException($"'{Root}' is not a WebGen run directory: run.json is missing.");
        }

        var manifest = await ReadJsonAsync<RunManifest>(manifestPath, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"'{manifestPath}' is empty.");

        var steps = new List<StepRecord>();
        RunState? lastEmbeddedState = null;
        if (Directory.Exists(StepsPath))
        {
            foreach (var dir in Directory.EnumerateDirectories(StepsPath).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(dir);
                if (name.EndsWith(".tmp", StringComparison.Ordinal))
                {
                    Directory.Delete(dir, recursive: true); // an interrupted step: it never happened
                    continue;
                }

                if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number != steps.Count + 1)
                {
                    throw new InvalidOperationException($"Run directory '{Root}' is damaged: unexpected step folder '{name}' (expected {StepName(steps.Count + 1)}).");
                }

                var stored = await ReadJsonAsync<StoredStep>(Path.Combine(dir, "step.json"), cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"Run directory '{Root}' is damaged: '{name}/step.json' is empty.");
                steps.Add(await RehydrateAsync(stored.Record, dir, cancellationToken).ConfigureAwait(false));
                lastEmbeddedState = stored.StateAfter;
            }
        }

        var state = await ReadJsonAsync<RunState>(Path.Combine(Root, "state.json"), cancellationToken).ConfigureAwait(false);
        if (state is null || state.LastStep != steps.Count)
        {
            // Killed between renaming the step and writing state.json: the step's own copy is current.
            state = lastEmbeddedState ?? new RunState();
        }

        WebGenResult? result = null;
        var resultPath = Path.Combine(Root, "result.json");
        if (File.Exists(resultPath))
        {
            result = await ReadJsonAsync<WebGenResult>(resultPath, cancellationToken).ConfigureAwait(false);
            result = result is null ? null : result with { Steps = steps };
        }

        return new RunCheckpoint { RunDirectory = Root, Manifest = manifest, Steps = steps, State = state, Result = result };
    }

    internal static async Task WriteJsonAsync<T>(string path, T value, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(stream, value, Json, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        File.Move(temp, path, overwrite: true);
    }

    internal static async Task<T?> ReadJsonAsync<T>(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return default;
        }

        var stream = File.OpenRead(path);
        await using var _ = stream.ConfigureAwait(false);
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(stream, Json, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"'{path}' is not valid: {ex.Message}", ex);
        }
    }

    /// <summary>Stores <paramref name="content"/> once under its SHA-256 and returns the hash.</summary>
    private async Task<string> WriteBlobAsync(byte[] content, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        var path = BlobPath(hash);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Environment.CurrentManagedThreadId.ToString(CultureInfo.InvariantCulture);
            await File.WriteAllBytesAsync(temp, content, cancellationToken).ConfigureAwait(false);
            File.Move(temp, path, overwrite: true);
        }

        return hash;
    }

    private async Task<byte[]> ReadBlobAsync(string hash, CancellationToken cancellationToken)
    {
        var path = BlobPath(hash);
        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidOperationException($"Run directory '{Root}' is damaged: the stored file content {hash} is missing.", ex);
        }

        return Convert.ToHexStringLower(SHA256.HashData(content)) == hash
            ? content
            : throw new InvalidOperationException($"Run directory '{Root}' is damaged: the stored file content {hash} does not match its hash.");
    }

    private string BlobPath(string hash) =>
        hash.Length == 64 && hash.All(char.IsAsciiHexDigitLower)
            ? Path.Combine(BlobsPath, hash[..2], hash)
            : throw new InvalidOperationException($"Run directory '{Root}' is damaged: '{hash}' is not a SHA-256 hash.");

    private static string GuiScreenshotName(int index) => "gui-" + index.ToString("D2", CultureInfo.InvariantCulture) + ".png";

    private static async Task<StepRecord> RehydrateAsync(StepRecord record, string dir, CancellationToken cancellationToken)
    {
        var screenshot = Path.Combine(dir, "screenshot.png");
        if (record.Capture is { } capture && File.Exists(screenshot))
        {
            record = record with { Capture = capture with { Png = await File.ReadAllBytesAsync(screenshot, cancellationToken).ConfigureAwait(false) } };
        }

        if (record.GuiTest is { } gui)
        {
            var steps = new List<GuiTrajectoryStep>();
            foreach (var s in gui.Trajectory)
            {
                var path = Path.Combine(dir, GuiScreenshotName(s.Index));
                steps.Add(File.Exists(path) ? s with { ScreenshotAfter = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false) } : s);
            }

            record = record with { GuiTest = gui with { Trajectory = steps } };
        }

        return record;
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        return options;
    }
}
