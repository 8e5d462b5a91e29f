using System.Collections.Frozen;
using System.Text.Json;

namespace WebGen.Training;

/// <summary>The snake_case names of an enum's values, the same as the JSONL format writes.</summary>
internal static class SnakeCaseNames<TEnum>
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> Names =
        Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

    private static readonly FrozenDictionary<string, TEnum> Values =
        Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string Name(TEnum value) => Names.TryGetValue(value, out var name) ? name : value.ToString();

    public static TEnum Parse(string? name, string column) =>
        name is not null && Values.TryGetValue(name, out var value)
            ? value
            : throw new InvalidDataException($"Column '{column}' holds '{name}', which is not one of: {string.Join(", ", Values.Keys)}.");
}
