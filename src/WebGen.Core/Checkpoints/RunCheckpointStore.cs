using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebGen;

/// <summary>
/// Reads and writes a run's checkpoints in the run-directory format through an <see cref="IRunStore"/>, and owns the
/// run's local directory (where the workspace lives whichever store holds the checkpoints).
/// </summary>
/// <remarks>
/// <para>
/// Entries: <c>run.json</c> (manifest), <c>state.json</c>, <c>result.json</c> (when ended),
/// <c>blobs/xx/&lt;sha-256&gt;</c> (file contents, each stored once), and per step <c>steps/NNNN/</c> with
/// <c>step.json</c>, <c>new-messages.json</c> (the messages the step added to its parent's chat), <c>screenshot.png</c>,
/// <c>gui-NN.png</c> and, for code steps, <c>tree.json</c> (every file's path and content hash). A step therefore stores
/// only what changed: a run grows with what the model writes, not with steps × project size or steps² × chat length.
/// A step is one atomic batch written only if it is new, so a step is never recorded twice.
/// </para>
/// <para>
/// Runs of format 1 (a full <c>messages.json</c> and <c>files.json</c> per step) still load, resume and backtrack; steps
/// added to them later are written in the new form.
/// </para>
/// </remarks>
internal sealed class RunCheckpointStore
{
    internal static readonly JsonSerializerOptions Json = CreateJsonOptions();

    private const string ManifestEntry = "run.json";
    private const string StateEntry = "state.json";
    private const string ResultEntry = "result.json";
    private const string StepsFolder = "steps";
    private const string NewMessagesFile = "new-messages.json";
    private const string TreeFile = "tree.json";
    private const string LegacyMessagesFile = "messages.json";
    private const string LegacyFilesFile = "files.json";
    private const string StartingTreeEntry = "starting-files.json";

    public RunCheckpointStore(string runDirectory)
        : this(runDirectory, new FileRunStore(runDirectory))
    {
    }

    public RunCheckpointStore(string runDirectory, IRunStore store)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDirectory);
        ArgumentNullException.ThrowIfNull(store);
        Root = Path.GetFullPath(runDirectory);
        Store = store;
    }

    /// <summary>The run's local directory.</summary>
    public string Root { get; }

    public IRunStore Store { get; }

    public string WorkspacePath => Path.Combine(Root, "workspace");

    public async Task<bool> HasManifestAsync(CancellationToken cancellationToken)
        => await Store.ReadAsync(ManifestEntry, cancellationToken).ConfigureAwait(false) is not null;

    public static string StepName(int step) => step.ToString("D4", CultureInfo.InvariantCulture);

    public async Task WriteManifestAsync(RunManifest manifest, CancellationToken cancellationToken)
    {
        if (!await Store.WriteAsync([Entry(ManifestEntry, manifest)], RunStoreWriteMode.CreateNew, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"'{Store}' already holds a run; resume it or choose another run id or directory.");
        }
    }

    public Task WriteStateAsync(RunState state, CancellationToken cancellationToken)
        => Store.WriteAsync([Entry(StateEntry, state)], RunStoreWriteMode.Replace, cancellationToken);

    public Task WriteResultAsync(WebGenResult result, CancellationToken cancellationToken)
        => Store.WriteAsync([Entry(ResultEntry, result with { Steps = [] })], RunStoreWriteMode.Replace, cancellationToken);

    /// <summary>
    /// Writes a completed step atomically: <paramref name="newMessages"/> are what the step added to its parent node's
    /// chat, <paramref name="files"/> the workspace after a code step (null for other steps).
    /// </summary>
    /// <exception cref="InvalidOperationException">The step was already recorded (another worker runs the same episode).</exception>
    public async Task WriteStepAsync(StepRecord record, IReadOnlyList<StoredMessage> newMessages, IReadOnlyList<WorkspaceFile>? files, RunState stateAfter, CancellationToken cancellationToken)
    {
        var folder = StepsFolder + "/" + StepName(record.Node.Step) + "/";
        var entries = new List<RunStoreEntry>();
        var stored = record;
        if (record.Capture is { } capture && !capture.Png.IsEmpty)
        {
            entries.Add(new RunStoreEntry { Name = folder + "screenshot.png", Content = capture.Png });
            stored = stored with { Capture = capture with { Png = ReadOnlyMemory<byte>.Empty } };
        }

        if (record.GuiTest is { } gui && gui.Trajectory.Any(s => !s.ScreenshotAfter.IsEmpty))
        {
            var steps = new List<GuiTrajectoryStep>();
            foreach (var s in gui.Trajectory)
            {
                if (!s.ScreenshotAfter.IsEmpty)
                {
                    entries.Add(new RunStoreEntry { Name = folder + GuiScreenshotName(s.Index), Content = s.ScreenshotAfter });
                }

                steps.Add(s with { ScreenshotAfter = ReadOnlyMemory<byte>.Empty });
            }

            stored = stored with { GuiTest = gui with { Trajectory = steps } };
        }

        // step.json first: it is the entry whose existence means "this step is recorded".
        entries.Insert(0, Entry(folder + "step.json", new StoredStep { Record = stored, StateAfter = stateAfter }));
        entries.Add(Entry(folder + NewMessagesFile, newMessages));
        if (files is not null)
        {
            // Blobs first: a step that exists refers only to blobs that exist.
            var tree = new List<StoredFile>(files.Count);
            foreach (var file in files)
            {
                tree.Add(new StoredFile(file.Path, await WriteBlobAsync(Encoding.UTF8.GetBytes(file.Content), cancellationToken).ConfigureAwait(false)));
            }

            entries.Add(Entry(folder + TreeFile, tree));
        }

        if (!await Store.WriteAsync(entries, RunStoreWriteMode.CreateNew, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"Step {StepName(record.Node.Step)} of '{Store}' is already recorded: another worker is running this episode.");
        }
    }

    /// <summary>The chat as of <paramref name="step"/>: its parent chain's additions on top of the initial messages.</summary>
    public async Task<IReadOnlyList<StoredMessage>> ReadMessagesAsync(int step, IReadOnlyDictionary<int, StepNode> nodes, IReadOnlyList<StoredMessage> initial, CancellationToken cancellationToken)
    {
        var additions = new Stack<IReadOnlyList<StoredMessage>>();
        IReadOnlyList<StoredMessage> start = initial;
        for (int? current = step; current is { } s; current = nodes.TryGetValue(s, out var node) ? node.Parent : null)
        {
            if (await ReadJsonAsync<List<StoredMessage>>(StepEntry(s, LegacyMessagesFile), cancellationToken).ConfigureAwait(false) is { } full)
            {
                // Format 1: the whole chat as of that step.
                start = full;
                break;
            }

            additions.Push(await ReadJsonAsync<List<StoredMessage>>(StepEntry(s, NewMessagesFile), cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Run '{Store}' is damaged: step {StepName(s)} has no {NewMessagesFile}."));
        }

        var messages = new List<StoredMessage>(start);
        while (additions.Count > 0)
        {
            messages.AddRange(additions.Pop());
        }

        return messages;
    }

    /// <summary>Stores the files the run started from (<c>starting-files.json</c>): the restore point below every step.</summary>
    public async Task WriteStartingFilesAsync(IReadOnlyList<WorkspaceFile> files, CancellationToken cancellationToken)
    {
        var tree = new List<StoredFile>(files.Count);
        foreach (var file in files)
        {
            tree.Add(new StoredFile(file.Path, await WriteBlobAsync(Encoding.UTF8.GetBytes(file.Content), cancellationToken).ConfigureAwait(false)));
        }

        await Store.WriteAsync([Entry(StartingTreeEntry, tree)], RunStoreWriteMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The files as of <paramref name="step"/>: its own snapshot or its nearest code-step ancestor's; with none (or a null
    /// step), the files the run started from — empty unless it continued a project.
    /// </summary>
    public async Task<IReadOnlyList<WorkspaceFile>> ReadFilesAsync(int? step, IReadOnlyDictionary<int, StepNode> nodes, CancellationToken cancellationToken)
    {
        for (var current = step; current is { } s; current = nodes.TryGetValue(s, out var node) ? node.Parent : null)
        {
            if (await ReadJsonAsync<List<StoredFile>>(StepEntry(s, TreeFile), cancellationToken).ConfigureAwait(false) is { } entries)
            {
                return await ReadTreeAsync(entries, cancellationToken).ConfigureAwait(false);
            }

            if (await ReadJsonAsync<List<WorkspaceFile>>(StepEntry(s, LegacyFilesFile), cancellationToken).ConfigureAwait(false) is { } legacy)
            {
                return legacy;
            }
        }

        return await ReadJsonAsync<List<StoredFile>>(StartingTreeEntry, cancellationToken).ConfigureAwait(false) is { } starting
            ? await ReadTreeAsync(starting, cancellationToken).ConfigureAwait(false)
            : [];
    }

    private async Task<IReadOnlyList<WorkspaceFile>> ReadTreeAsync(List<StoredFile> entries, CancellationToken cancellationToken)
    {
        var files = new List<WorkspaceFile>(entries.Count);
        foreach (var entry in entries)
        {
            files.Add(new WorkspaceFile { Path = entry.Path, Content = Encoding.UTF8.GetString(await ReadBlobAsync(entry.Sha256, cancellationToken).ConfigureAwait(false)) });
        }

        return files;
    }

    public async Task<RunCheckpoint> LoadAsync(CancellationToken cancellationToken)
    {
        var manifest = await ReadJsonAsync<RunManifest>(ManifestEntry, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"'{Store}' holds no WebGen run: run.json is missing.");

        var steps = new List<StepRecord>();
        RunState? lastEmbeddedState = null;
        foreach (var name in (await Store.ListAsync(StepsFolder, cancellationToken).ConfigureAwait(false)).Order(StringComparer.Ordinal))
        {
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number != steps.Count + 1)
            {
                throw new InvalidOperationException($"Run '{Store}' is damaged: unexpected step folder '{name}' (expected {StepName(steps.Count + 1)}).");
            }

            var stored = await ReadJsonAsync<StoredStep>(StepEntry(number, "step.json"), cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Run '{Store}' is damaged: '{name}/step.json' is missing or empty.");
            steps.Add(await RehydrateAsync(stored.Record, number, cancellationToken).ConfigureAwait(false));
            lastEmbeddedState = stored.StateAfter;
        }

        var state = await ReadJsonAsync<RunState>(StateEntry, cancellationToken).ConfigureAwait(false);
        if (state is null || state.LastStep != steps.Count)
        {
            // Killed between recording the step and writing state.json: the step's own copy is current.
            state = lastEmbeddedState ?? new RunState();
        }

        var result = await ReadJsonAsync<WebGenResult>(ResultEntry, cancellationToken).ConfigureAwait(false);
        return new RunCheckpoint { RunDirectory = Root, Manifest = manifest, Steps = steps, State = state, Result = result is null ? null : result with { Steps = steps } };
    }

    private static RunStoreEntry Entry<T>(string name, T value) => new() { Name = name, Content = JsonSerializer.SerializeToUtf8Bytes(value, Json) };

    private static string StepEntry(int step, string file) => StepsFolder + "/" + StepName(step) + "/" + file;

    private async Task<T?> ReadJsonAsync<T>(string name, CancellationToken cancellationToken)
    {
        var content = await Store.ReadAsync(name, cancellationToken).ConfigureAwait(false);
        if (content is null)
        {
            return default;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(content, Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"'{name}' of run '{Store}' is not valid: {ex.Message}", ex);
        }
    }

    /// <summary>Stores <paramref name="content"/> once under its SHA-256 and returns the hash.</summary>
    private async Task<string> WriteBlobAsync(byte[] content, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        await Store.WriteAsync([new RunStoreEntry { Name = BlobEntry(hash), Content = content }], RunStoreWriteMode.CreateNew, cancellationToken).ConfigureAwait(false);
        return hash;
    }

    private async Task<byte[]> ReadBlobAsync(string hash, CancellationToken cancellationToken)
    {
        var content = await Store.ReadAsync(BlobEntry(hash), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Run '{Store}' is damaged: the stored file content {hash} is missing.");
        return Convert.ToHexStringLower(SHA256.HashData(content)) == hash
            ? content
            : throw new InvalidOperationException($"Run '{Store}' is damaged: the stored file content {hash} does not match its hash.");
    }

    private string BlobEntry(string hash) =>
        hash.Length == 64 && hash.All(char.IsAsciiHexDigitLower)
            ? "blobs/" + hash[..2] + "/" + hash
            : throw new InvalidOperationException($"Run '{Store}' is damaged: '{hash}' is not a SHA-256 hash.");

    private static string GuiScreenshotName(int index) => "gui-" + index.ToString("D2", CultureInfo.InvariantCulture) + ".png";

    private async Task<StepRecord> RehydrateAsync(StepRecord record, int step, CancellationToken cancellationToken)
    {
        if (record.Capture is { } capture && await Store.ReadAsync(StepEntry(step, "screenshot.png"), cancellationToken).ConfigureAwait(false) is { } png)
        {
            record = record with { Capture = capture with { Png = png } };
        }

        if (record.GuiTest is { } gui)
        {
            var steps = new List<GuiTrajectoryStep>();
            foreach (var s in gui.Trajectory)
            {
                var after = await Store.ReadAsync(StepEntry(step, GuiScreenshotName(s.Index)), cancellationToken).ConfigureAwait(false);
                steps.Add(after is null ? s : s with { ScreenshotAfter = after });
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
