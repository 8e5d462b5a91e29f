using System.Text.Json;
using System.Text.Json.Nodes;

namespace WebGen;

// Compiled into the packages that store or return results (linked source), so none exposes it as API.

/// <summary>
/// Redacts every string inside a result object, whatever its shape: the object goes through JSON, each string value is
/// passed to the <see cref="ISecretRedactor"/>, and it is read back only when something changed. A new member added to a
/// result type later is covered without touching this code.
/// </summary>
internal static class JsonRedaction
{
    /// <summary>True when <paramref name="redactor"/> can change nothing, so callers may skip the round trip.</summary>
    public static bool IsNoOp(ISecretRedactor? redactor) => redactor is null || redactor is SecretRedactor { IsEmpty: true };

    /// <summary>Returns <paramref name="value"/> with every string redacted (the same instance when none changed).</summary>
    public static T Redact<T>(ISecretRedactor? redactor, T value, JsonSerializerOptions options)
    {
        if (IsNoOp(redactor) || value is null)
        {
            return value;
        }

        if (value is string text)
        {
            return (T)(object)redactor!.Redact(text);
        }

        var node = JsonSerializer.SerializeToNode(value, options);
        return node is not null && RedactNode(redactor!, node) ? node.Deserialize<T>(options)! : value;
    }

    private static bool RedactNode(ISecretRedactor redactor, JsonNode node)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (child is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        var redacted = redactor.Redact(text);
                        if (redacted != text)
                        {
                            obj[name] = redacted;
                            changed = true;
                        }
                    }
                    else if (child is not null)
                    {
                        changed |= RedactNode(redactor, child);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        var redacted = redactor.Redact(text);
                        if (redacted != text)
                        {
                            array[i] = redacted;
                            changed = true;
                        }
                    }
                    else if (array[i] is { } child)
                    {
                        changed |= RedactNode(redactor, child);
                    }
                }

                break;
        }

        return changed;
    }
}
