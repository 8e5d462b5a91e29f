using System.Globalization;
using System.Text.Json;

namespace WebGen;

/// <summary>
/// Field readers for judge answers. They accept the shapes models actually produce (numbers as strings,
/// booleans as "yes"/"true", lists where a sentence was asked for) and reject the rest with a reason the
/// repair prompt can quote.
/// </summary>
internal static class JudgeJson
{
    public static bool RequiredBool(JsonElement json, string name)
    {
        var value = Field(json, name) ?? throw Missing(name);
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when value.GetString()?.Trim().ToUpperInvariant() is "TRUE" or "YES" => true,
            JsonValueKind.String when value.GetString()?.Trim().ToUpperInvariant() is "FALSE" or "NO" => false,
            _ => throw new FormatException($"field \"{name}\" must be true or false, got {value.GetRawText()}"),
        };
    }

    public static int RequiredInt(JsonElement json, string name, int min, int max)
    {
        var value = Field(json, name) ?? throw Missing(name);
        double number;
        if (value.ValueKind == JsonValueKind.Number)
        {
            number = value.GetDouble();
        }
        else if (value.ValueKind != JsonValueKind.String
            || !double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            throw new FormatException($"field \"{name}\" must be an integer from {min} to {max}, got {value.GetRawText()}");
        }

        if (number != Math.Floor(number) || number < min || number > max)
        {
            throw new FormatException($"field \"{name}\" must be an integer from {min} to {max}, got {value.GetRawText()}");
        }

        return (int)number;
    }

    public static string RequiredText(JsonElement json, string name)
    {
        var text = OptionalText(json, name);
        return string.IsNullOrWhiteSpace(text) ? throw new FormatException($"field \"{name}\" must be a non-empty string") : text;
    }

    public static string? OptionalText(JsonElement json, string name)
    {
        if (Field(json, name) is not { } value)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            JsonValueKind.Array => string.Join("\n", value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? "- " + e.GetString() : "- " + e.GetRawText())),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => throw new FormatException($"field \"{name}\" must be a string, got {value.ValueKind.ToString().ToLowerInvariant()}"),
        };
    }

    private static JsonElement? Field(JsonElement json, string name)
    {
        if (json.TryGetProperty(name, out var exact))
        {
            return exact;
        }

        // Models sometimes change the case of keys; accept that, not other renamings.
        foreach (var property in json.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static FormatException Missing(string name) => new($"field \"{name}\" is missing");
}
