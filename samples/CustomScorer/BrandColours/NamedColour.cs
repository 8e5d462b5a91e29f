using System.Globalization;

namespace WebGen.Samples.BrandColours;

/// <summary>A colour the instruction asks for: the words it used and the sRGB value they stand for.</summary>
public readonly record struct NamedColour(string Name, byte R, byte G, byte B)
{
    /// <summary>The value as <c>#rrggbb</c>.</summary>
    public string Hex => string.Create(CultureInfo.InvariantCulture, $"#{R:x2}{G:x2}{B:x2}");

    /// <summary>Parses <c>#rgb</c> or <c>#rrggbb</c>.</summary>
    public static bool TryParseHex(string name, string hex, out NamedColour colour)
    {
        colour = default;
        var digits = hex.AsSpan().TrimStart('#');
        if (digits.Length == 3)
        {
            Span<char> expanded = [digits[0], digits[0], digits[1], digits[1], digits[2], digits[2]];
            return TryParseHex(name, new string(expanded), out colour);
        }

        if (digits.Length != 6 || !int.TryParse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        colour = new NamedColour(name, (byte)(value >> 16), (byte)(value >> 8), (byte)value);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => string.Equals(Name, Hex, StringComparison.OrdinalIgnoreCase) ? Hex : $"{Name} ({Hex})";
}
