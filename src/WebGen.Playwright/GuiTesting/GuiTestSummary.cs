using System.Text.Json;

namespace WebGen.Playwright;

/// <summary>The trajectory summary answer: {test_passed, improvement_suggestions, grade 1–5}.</summary>
internal sealed record class GuiTestSummary(bool Passed, string Suggestions, int Grade)
{
    public static GuiTestSummary Read(JsonElement json)
    {
        var passed = Field(json, "test_passed") is { } p
            ? p.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.String when p.GetString()?.Trim().ToUpperInvariant() is "TRUE" or "YES" => true,
                JsonValueKind.String when p.GetString()?.Trim().ToUpperInvariant() is "FALSE" or "NO" => false,
                _ => throw new FormatException($"field \"test_passed\" must be true or false, got {p.GetRawText()}"),
            }
            : throw new FormatException("field \"test_passed\" is missing");

        var grade = Field(json, "grade") is { } g
            ? g.ValueKind switch
            {
                JsonValueKind.Number when g.TryGetDouble(out var d) && d == Math.Floor(d) && d is >= 1 and <= 5 => (int)d,
                JsonValueKind.String when int.TryParse(g.GetString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var i) && i is >= 1 and <= 5 => i,
                _ => throw new FormatException($"field \"grade\" must be an integer from 1 to 5, got {g.GetRawText()}"),
            }
            : throw new FormatException("field \"grade\" is missing");

        var suggestions = Field(json, "improvement_suggestions") is { } s
            ? s.ValueKind switch
            {
                JsonValueKind.String => s.GetString() ?? "",
                JsonValueKind.Array => string.Join("\n", s.EnumerateArray().Select(e => "- " + (e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()))),
                JsonValueKind.Null => "",
                _ => throw new FormatException("field \"improvement_suggestions\" must be a string"),
            }
            : "";

        return new GuiTestSummary(passed, suggestions, grade);
    }

    private static JsonElement? Field(JsonElement json, string name)
    {
        foreach (var property in json.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
