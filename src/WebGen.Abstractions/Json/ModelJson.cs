using System.Text.Json;

namespace WebGen;

/// <summary>
/// Reads a JSON object out of a model's free-form answer: inside code fences, surrounded by prose,
/// with trailing commas or comments. Models asked for "only JSON" rarely comply exactly, so judges and
/// summarisers parse tolerantly and validate the values themselves.
/// </summary>
public static class ModelJson
{
    private static readonly JsonDocumentOptions Lenient = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>
    /// Finds the first JSON object in <paramref name="text"/> that <paramref name="read"/> accepts.
    /// Fenced blocks are tried first, then every balanced <c>{…}</c> in order of appearance.
    /// </summary>
    /// <typeparam name="T">The typed value read from the object.</typeparam>
    /// <param name="text">The model's answer.</param>
    /// <param name="read">
    /// Maps the object to a value; throws <see cref="FormatException"/> (or the
    /// <see cref="InvalidOperationException"/> of a <see cref="JsonElement"/> accessor of the wrong kind)
    /// with a message the model can act on when a field is missing or out of range.
    /// </param>
    /// <param name="value">The value read, when found.</param>
    /// <param name="error">Why nothing usable was found, phrased for a repair prompt.</param>
    /// <returns>True when a usable object was found.</returns>
    public static bool TryRead<T>(string? text, Func<JsonElement, T> read, out T? value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(read);
        value = default;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the answer was empty; a JSON object was expected";
            return false;
        }

        string? readError = null;
        string? parseError = null;
        foreach (var region in Regions(text))
        {
            var start = region.IndexOf('{', StringComparison.Ordinal);
            while (start >= 0)
            {
                var end = MatchingBrace(region, start);
                if (end < 0)
                {
                    parseError ??= "the JSON object is not closed (the answer may have been cut off)";
                    break;
                }

                JsonElement element;
                try
                {
                    using var doc = JsonDocument.Parse(region.AsMemory(start, end - start + 1), Lenient);
                    element = doc.RootElement.Clone();
                }
                catch (JsonException ex)
                {
                    parseError ??= "the JSON object is malformed (" + ex.Message + ")";
                    start = region.IndexOf('{', start + 1);
                    continue;
                }

                try
                {
                    value = read(element);
                    return true;
                }
                catch (Exception ex) when (ex is FormatException or InvalidOperationException or KeyNotFoundException)
                {
                    // The first well-formed object is the one the model meant; its problem goes into the repair prompt.
                    readError ??= ex.Message;
                }

                // Objects nested inside a well-formed one are its fields, not separate answers.
                start = region.IndexOf('{', end + 1);
            }
        }

        error = readError ?? parseError ?? "no JSON object was found in the answer";
        return false;
    }

    /// <summary>Finds the first JSON object in <paramref name="text"/>, tolerating code fences and prose around it.</summary>
    /// <param name="text">The model's answer.</param>
    /// <param name="value">The object found.</param>
    /// <param name="error">Why no object was found.</param>
    /// <returns>True when an object was found.</returns>
    public static bool TryExtractObject(string? text, out JsonElement value, out string? error) =>
        TryRead(text, static e => e, out value, out error);

    private static IEnumerable<string> Regions(string text)
    {
        foreach (var fenced in FencedBlocks(text))
        {
            yield return fenced;
        }

        yield return text;
    }

    private static IEnumerable<string> FencedBlocks(string text)
    {
        var index = 0;
        while (true)
        {
            var open = text.IndexOf("```", index, StringComparison.Ordinal);
            if (open < 0)
            {
                yield break;
            }

            var bodyStart = text.IndexOf('\n', open + 3);
            if (bodyStart < 0)
            {
                yield break;
            }

            var close = text.IndexOf("```", bodyStart, StringComparison.Ordinal);
            if (close < 0)
            {
                yield return text[(bodyStart + 1)..];
                yield break;
            }

            yield return text[(bodyStart + 1)..close];
            index = close + 3;
        }
    }

    private static int MatchingBrace(string text, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{':
                    depth++;
                    break;
                case '}':
                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }

                    break;
            }
        }

        return -1;
    }
}
