using System.Text;
using System.Text.Json;

namespace WebGen.Bench;

/// <summary>
/// A WebGen-Bench dataset: tasks with <c>id</c>, <c>instruction</c>, <c>Category{primary_category, subcategories}</c>,
/// <c>application_type</c> and <c>ui_instruct[]{task, expected_result, task_category}</c>, read from JSON Lines
/// (<c>test.jsonl</c>) or Parquet (the Hugging Face dataset's <c>test</c> and <c>train</c> splits). The test set
/// ships with the package (<see cref="LoadDefaultAsync"/>). Loading validates every task and reports all problems
/// with their line or row numbers and fields at once.
/// </summary>
public sealed class BenchDataset
{
    private const string DefaultResource = "WebGen.Bench.Dataset.webgen-bench-test.jsonl";
    private const string DefaultSource = "the built-in WebGen-Bench test set";
    private readonly Dictionary<string, BenchTask> _byId;

    internal BenchDataset(string source, BenchDatasetFormat format, IReadOnlyList<BenchTask> tasks)
    {
        Source = source;
        Format = format;
        Tasks = tasks;
        _byId = tasks.ToDictionary(t => t.Id, StringComparer.Ordinal);
    }

    /// <summary>Where the dataset was read from: a full path, a name given to <see cref="Parse"/>, or the built-in test set.</summary>
    public string Source { get; }

    /// <summary>The format the dataset was read from.</summary>
    public BenchDatasetFormat Format { get; }

    /// <summary>Every task, in file order.</summary>
    public IReadOnlyList<BenchTask> Tasks { get; }

    /// <summary>The number of UI test cases over all tasks.</summary>
    public int CaseCount => Tasks.Sum(t => t.Cases.Count);

    /// <summary>
    /// Reads the WebGen-Bench test set that ships inside this package (101 tasks, 647 UI test cases; MIT-licensed, see
    /// the package's THIRD-PARTY-NOTICES.md). No file or network access is needed.
    /// </summary>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static async Task<BenchDataset> LoadDefaultAsync(CancellationToken cancellationToken = default)
    {
        var stream = typeof(BenchDataset).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"The WebGen-Bench test set ({DefaultResource}) is missing from {typeof(BenchDataset).Assembly.GetName().Name}.dll; reinstall the WebGen.Bench package.");
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return Parse(await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false), DefaultSource);
        }
    }

    /// <summary>
    /// Reads and validates a dataset file: Parquet when it starts with Parquet's <c>PAR1</c> mark or is named
    /// <c>*.parquet</c>, JSON Lines otherwise.
    /// </summary>
    /// <param name="path">A <c>.jsonl</c> file such as WebGen-Bench's <c>test.jsonl</c>, or a <c>.parquet</c> split.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="BenchDatasetException">A task is not valid, or the file cannot be read as its format; every problem is listed.</exception>
    public static async Task<BenchDataset> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"The dataset file '{full}' does not exist; pass the path of a WebGen-Bench test.jsonl or Parquet split, or use the built-in test set.", full);
        }

        var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            var magic = new byte[4];
            var read = await stream.ReadAtLeastAsync(magic, magic.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            stream.Position = 0;
            if ((read == magic.Length && magic.AsSpan().SequenceEqual("PAR1"u8)) || full.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
            {
                return await BenchParquetReader.ReadAsync(stream, full, cancellationToken).ConfigureAwait(false);
            }

            using var reader = new StreamReader(stream, Encoding.UTF8);
            return Parse(await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false), full);
        }
    }

    /// <summary>
    /// Reads and validates a Parquet dataset, such as a split of the Hugging Face dataset <c>luzimu/WebGen-Bench</c>
    /// (<c>data/test-00000-of-00001.parquet</c>, <c>data/train-00000-of-00001.parquet</c>). Columns are matched by name,
    /// whatever list encoding the writer used; extra columns are ignored.
    /// </summary>
    /// <param name="stream">The Parquet data from its start; left open.</param>
    /// <param name="source">A name for error messages.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <exception cref="BenchDatasetException">The data is not Parquet, lacks a column, or a row is not valid; every problem is listed with its row.</exception>
    public static async Task<BenchDataset> LoadParquetAsync(Stream stream, string source = "dataset", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        if (stream.CanSeek && stream.Position == 0)
        {
            return await BenchParquetReader.ReadAsync(stream, source, cancellationToken).ConfigureAwait(false);
        }

        // Parquet is read from its footer back, at offsets from the file's start: take a seekable copy from here on.
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
        copy.Position = 0;
        return await BenchParquetReader.ReadAsync(copy, source, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Parses and validates dataset text (JSON Lines).</summary>
    /// <param name="jsonLines">The file content.</param>
    /// <param name="source">A name for error messages.</param>
    /// <exception cref="BenchDatasetException">A line is not valid; every problem is listed.</exception>
    public static BenchDataset Parse(string jsonLines, string source = "dataset")
    {
        ArgumentNullException.ThrowIfNull(jsonLines);
        var builder = new BenchDatasetBuilder(source, BenchDatasetFormat.JsonLines);
        var lineNumber = 0;
        using var reader = new StringReader(jsonLines);
        for (var line = reader.ReadLine(); line is not null && !builder.IsFull; line = reader.ReadLine())
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException ex)
            {
                builder.AddError(lineNumber, "", "not valid JSON: " + ex.Message);
                continue;
            }

            using (document)
            {
                builder.Add(lineNumber, document.RootElement);
            }
        }

        return builder.Build();
    }

    /// <summary>Finds a task by id; an all-digit id also matches its zero-padded or unpadded form (<c>42</c> ↔ <c>000042</c>).</summary>
    /// <param name="id">The task id.</param>
    /// <returns>The task, or null when there is none.</returns>
    public BenchTask? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_byId.TryGetValue(id, out var task))
        {
            return task;
        }

        return BenchTaskSelection.TryParseNumber(id, out var number) ? Tasks.FirstOrDefault(t => BenchTaskSelection.TryParseNumber(t.Id, out var n) && n == number) : null;
    }

    /// <summary>Selects tasks with a selection such as <c>1-10,42</c> (see <see cref="BenchTaskSelection"/>); null or empty selects all.</summary>
    /// <param name="selection">The selection text.</param>
    /// <returns>The selected tasks, in file order.</returns>
    /// <exception cref="ArgumentException">The selection is malformed or names a task that is not in the dataset.</exception>
    public IReadOnlyList<BenchTask> Select(string? selection)
        => string.IsNullOrWhiteSpace(selection) ? Tasks : BenchTaskSelection.Parse(selection).Apply(this);
}
