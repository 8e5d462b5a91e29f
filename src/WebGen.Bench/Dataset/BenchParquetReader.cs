using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text.Json;
using Parquet;
using Parquet.Serialization;

namespace WebGen.Bench;

/// <summary>
/// Reads a WebGen-Bench Parquet file (the Hugging Face dataset's splits: <c>id</c>, <c>instruction</c>,
/// <c>Category</c> struct, <c>application_type</c>, <c>ui_instruct</c> list of structs). Rows are read against the
/// file's own schema, so the list encoding a writer chose (<c>list/element</c>, <c>list/item</c>, …) does not matter,
/// and each row is turned into the JSON shape of a <c>test.jsonl</c> line and validated by the same rules.
/// </summary>
internal static class BenchParquetReader
{
    private static readonly string[] RequiredColumns = ["id", "instruction", "Category"];

    public static async Task<BenchDataset> ReadAsync(Stream stream, string source, CancellationToken cancellationToken)
    {
        var builder = new BenchDatasetBuilder(source, BenchDatasetFormat.Parquet);
        if (!await StartsWithMagicAsync(stream, cancellationToken).ConfigureAwait(false))
        {
            builder.AddError(0, "", "not a Parquet file (it does not start with 'PAR1'); pass a Parquet file or a JSON Lines file such as test.jsonl");
            return builder.Build();
        }

        int rowGroups;
        var missingColumns = false;
        try
        {
            var reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var columns = reader.Schema.Fields.Select(f => f.Name).ToList();
                foreach (var missing in RequiredColumns.Where(c => !columns.Contains(c, StringComparer.Ordinal)))
                {
                    missingColumns = true;
                    builder.AddError(0, missing, $"the file has no '{missing}' column (its columns: {string.Join(", ", columns)})");
                }

                rowGroups = reader.RowGroupCount;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not BenchDatasetException)
        {
            builder.AddError(0, "", "not a readable Parquet file: " + ex.Message);
            return builder.Build();
        }

        // Every row would repeat a missing column's error: the one per column says it all.
        if (missingColumns || rowGroups == 0)
        {
            return builder.Build();
        }

        var row = 0;
        for (var group = 0; group < rowGroups && !builder.IsFull; group++)
        {
            stream.Position = 0;
            IList<Dictionary<string, object>> rows;
            try
            {
                rows = (await ParquetSerializer.DeserializeUntypedAsync(stream, rowGroupIndex: group, cancellationToken: cancellationToken).ConfigureAwait(false)).Data;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                builder.AddError(row + 1, "", $"row group {group} could not be read: {ex.Message}");
                break;
            }

            foreach (var values in rows)
            {
                row++;
                if (ToJson(values, out var unsupported) is { } document)
                {
                    using (document)
                    {
                        builder.Add(row, document.RootElement);
                    }
                }
                else
                {
                    builder.AddError(row, unsupported!.Value.Path, $"holds a {unsupported.Value.Type} value; the dataset's columns hold text, lists and structs");
                }

                if (builder.IsFull)
                {
                    break;
                }
            }
        }

        return builder.Build();
    }

    private static async Task<bool> StartsWithMagicAsync(Stream stream, CancellationToken cancellationToken)
    {
        stream.Position = 0;
        var magic = new byte[4];
        var read = await stream.ReadAtLeastAsync(magic, magic.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        stream.Position = 0;
        return read == 4 && magic.AsSpan().SequenceEqual("PAR1"u8);
    }

    private static JsonDocument? ToJson(Dictionary<string, object> values, out (string Path, string Type)? unsupported)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            unsupported = Write(writer, values, "");
        }

        return unsupported is null ? JsonDocument.Parse(buffer.WrittenMemory) : null;
    }

    /// <summary>Writes an untyped Parquet value as JSON; returns the path and type of a value JSON cannot stand for.</summary>
    private static (string Path, string Type)? Write(Utf8JsonWriter writer, object? value, string path)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return null;
            case string text:
                writer.WriteStringValue(text);
                return null;
            case ReadOnlyMemory<char> chars:
                writer.WriteStringValue(chars.Span);
                return null;
            case bool flag:
                writer.WriteBooleanValue(flag);
                return null;
            case int or long or short or sbyte or byte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                return null;
            case double or float when double.IsFinite(Convert.ToDouble(value, CultureInfo.InvariantCulture)):
                writer.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                return null;
            case decimal number:
                writer.WriteNumberValue(number);
                return null;
            case IDictionary<string, object?> fields:
                writer.WriteStartObject();
                foreach (var (name, field) in fields)
                {
                    writer.WritePropertyName(name);
                    if (Write(writer, field, path.Length == 0 ? name : path + "." + name) is { } bad)
                    {
                        return bad;
                    }
                }

                writer.WriteEndObject();
                return null;
            case IEnumerable items and not byte[]:
                writer.WriteStartArray();
                var index = 0;
                foreach (var item in items)
                {
                    if (Write(writer, item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]")) is { } bad)
                    {
                        return bad;
                    }

                    index++;
                }

                writer.WriteEndArray();
                return null;
            default:
                return (path, value.GetType().Name);
        }
    }
}
