using System.Text.RegularExpressions;

namespace WebGen.Samples.BrandColours;

/// <summary>
/// Finds the colours an instruction names: the CSS named colours, written with or without spaces
/// ("dark olive green", "darkolivegreen"), a few common names CSS lacks, and hex codes (<c>#1e90ff</c>).
/// Only sentences about colours are read (they mention colour, background, component, theme, palette or brand),
/// so "a chocolate shop" or "the designer's background" in the rest of the request are not taken for colours.
/// </summary>
public static partial class ColourNames
{
    private const int MaxWordsPerName = 4;

    // CSS Color Module Level 4 named colours, then common names CSS lacks (X11's light goldenrod, cream, charcoal).
    private static readonly Dictionary<string, int> Table = new(StringComparer.Ordinal)
    {
        ["aliceblue"] = 0xf0f8ff, ["antiquewhite"] = 0xfaebd7, ["aqua"] = 0x00ffff, ["aquamarine"] = 0x7fffd4,
        ["azure"] = 0xf0ffff, ["beige"] = 0xf5f5dc, ["bisque"] = 0xffe4c4, ["black"] = 0x000000,
        ["blanchedalmond"] = 0xffebcd, ["blue"] = 0x0000ff, ["blueviolet"] = 0x8a2be2, ["brown"] = 0xa52a2a,
        ["burlywood"] = 0xdeb887, ["cadetblue"] = 0x5f9ea0, ["chartreuse"] = 0x7fff00, ["chocolate"] = 0xd2691e,
        ["coral"] = 0xff7f50, ["cornflowerblue"] = 0x6495ed, ["cornsilk"] = 0xfff8dc, ["crimson"] = 0xdc143c,
        ["cyan"] = 0x00ffff, ["darkblue"] = 0x00008b, ["darkcyan"] = 0x008b8b, ["darkgoldenrod"] = 0xb8860b,
        ["darkgray"] = 0xa9a9a9, ["darkgreen"] = 0x006400, ["darkgrey"] = 0xa9a9a9, ["darkkhaki"] = 0xbdb76b,
        ["darkmagenta"] = 0x8b008b, ["darkolivegreen"] = 0x556b2f, ["darkorange"] = 0xff8c00, ["darkorchid"] = 0x9932cc,
        ["darkred"] = 0x8b0000, ["darksalmon"] = 0xe9967a, ["darkseagreen"] = 0x8fbc8f, ["darkslateblue"] = 0x483d8b,
        ["darkslategray"] = 0x2f4f4f, ["darkslategrey"] = 0x2f4f4f, ["darkturquoise"] = 0x00ced1, ["darkviolet"] = 0x9400d3,
        ["deeppink"] = 0xff1493, ["deepskyblue"] = 0x00bfff, ["dimgray"] = 0x696969, ["dimgrey"] = 0x696969,
        ["dodgerblue"] = 0x1e90ff, ["firebrick"] = 0xb22222, ["floralwhite"] = 0xfffaf0, ["forestgreen"] = 0x228b22,
        ["fuchsia"] = 0xff00ff, ["gainsboro"] = 0xdcdcdc, ["ghostwhite"] = 0xf8f8ff, ["gold"] = 0xffd700,
        ["goldenrod"] = 0xdaa520, ["gray"] = 0x808080, ["green"] = 0x008000, ["greenyellow"] = 0xadff2f,
        ["grey"] = 0x808080, ["honeydew"] = 0xf0fff0, ["hotpink"] = 0xff69b4, ["indianred"] = 0xcd5c5c,
        ["indigo"] = 0x4b0082, ["ivory"] = 0xfffff0, ["khaki"] = 0xf0e68c, ["lavender"] = 0xe6e6fa,
        ["lavenderblush"] = 0xfff0f5, ["lawngreen"] = 0x7cfc00, ["lemonchiffon"] = 0xfffacd, ["lightblue"] = 0xadd8e6,
        ["lightcoral"] = 0xf08080, ["lightcyan"] = 0xe0ffff, ["lightgoldenrodyellow"] = 0xfafad2, ["lightgray"] = 0xd3d3d3,
        ["lightgreen"] = 0x90ee90, ["lightgrey"] = 0xd3d3d3, ["lightpink"] = 0xffb6c1, ["lightsalmon"] = 0xffa07a,
        ["lightseagreen"] = 0x20b2aa, ["lightskyblue"] = 0x87cefa, ["lightslategray"] = 0x778899, ["lightslategrey"] = 0x778899,
        ["lightsteelblue"] = 0xb0c4de, ["lightyellow"] = 0xffffe0, ["lime"] = 0x00ff00, ["limegreen"] = 0x32cd32,
        ["linen"] = 0xfaf0e6, ["magenta"] = 0xff00ff, ["maroon"] = 0x800000, ["mediumaquamarine"] = 0x66cdaa,
        ["mediumblue"] = 0x0000cd, ["mediumorchid"] = 0xba55d3, ["mediumpurple"] = 0x9370db, ["mediumseagreen"] = 0x3cb371,
        ["mediumslateblue"] = 0x7b68ee, ["mediumspringgreen"] = 0x00fa9a, ["mediumturquoise"] = 0x48d1cc, ["mediumvioletred"] = 0xc71585,
        ["midnightblue"] = 0x191970, ["mintcream"] = 0xf5fffa, ["mistyrose"] = 0xffe4e1, ["moccasin"] = 0xffe4b5,
        ["navajowhite"] = 0xffdead, ["navy"] = 0x000080, ["oldlace"] = 0xfdf5e6, ["olive"] = 0x808000,
        ["olivedrab"] = 0x6b8e23, ["orange"] = 0xffa500, ["orangered"] = 0xff4500, ["orchid"] = 0xda70d6,
        ["palegoldenrod"] = 0xeee8aa, ["palegreen"] = 0x98fb98, ["paleturquoise"] = 0xafeeee, ["palevioletred"] = 0xdb7093,
        ["papayawhip"] = 0xffefd5, ["peachpuff"] = 0xffdab9, ["peru"] = 0xcd853f, ["pink"] = 0xffc0cb,
        ["plum"] = 0xdda0dd, ["powderblue"] = 0xb0e0e6, ["purple"] = 0x800080, ["rebeccapurple"] = 0x663399,
        ["red"] = 0xff0000, ["rosybrown"] = 0xbc8f8f, ["royalblue"] = 0x4169e1, ["saddlebrown"] = 0x8b4513,
        ["salmon"] = 0xfa8072, ["sandybrown"] = 0xf4a460, ["seagreen"] = 0x2e8b57, ["seashell"] = 0xfff5ee,
        ["sienna"] = 0xa0522d, ["silver"] = 0xc0c0c0, ["skyblue"] = 0x87ceeb, ["slateblue"] = 0x6a5acd,
        ["slategray"] = 0x708090, ["slategrey"] = 0x708090, ["snow"] = 0xfffafa, ["springgreen"] = 0x00ff7f,
        ["steelblue"] = 0x4682b4, ["tan"] = 0xd2b48c, ["teal"] = 0x008080, ["thistle"] = 0xd8bfd8,
        ["tomato"] = 0xff6347, ["turquoise"] = 0x40e0d0, ["violet"] = 0xee82ee, ["wheat"] = 0xf5deb3,
        ["white"] = 0xffffff, ["whitesmoke"] = 0xf5f5f5, ["yellow"] = 0xffff00, ["yellowgreen"] = 0x9acd32,
        ["lightgoldenrod"] = 0xeedd82, ["navyblue"] = 0x000080, ["cream"] = 0xfffdd0, ["charcoal"] = 0x36454f,
    };

    /// <summary>The colours named in the colour sentences of <paramref name="instruction"/>, in order, without repeats.</summary>
    public static IReadOnlyList<NamedColour> FindIn(string instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var found = new List<NamedColour>();
        foreach (var sentence in SentenceBreak().Split(instruction))
        {
            if (!ColourSentence().IsMatch(sentence))
            {
                continue;
            }

            var tokens = Token().Matches(sentence).ToList();
            for (var i = 0; i < tokens.Count;)
            {
                var length = MatchAt(sentence, tokens, i, out var colour);
                if (length == 0)
                {
                    i++;
                    continue;
                }

                if (!found.Exists(c => c.Hex == colour.Hex && string.Equals(c.Name, colour.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    found.Add(colour);
                }

                i += length;
            }
        }

        return found;
    }

    /// <summary>Looks up one colour name (any spacing and case); false when it is not a known name.</summary>
    public static bool TryGet(string name, out NamedColour colour)
    {
        ArgumentNullException.ThrowIfNull(name);
        colour = default;
        var key = string.Concat(name.Where(char.IsAsciiLetter)).ToLowerInvariant();
        if (!Table.TryGetValue(key, out var rgb))
        {
            return false;
        }

        colour = new NamedColour(name.Trim(), (byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
        return true;
    }

    // The longest run of words (up to four) that spells a colour wins, so "dark olive green" is not read as "olive" and "green".
    // The name keeps the instruction's own spelling ("Light-Blue"), so reasons quote what the user wrote.
    private static int MatchAt(string sentence, List<Match> tokens, int start, out NamedColour colour)
    {
        var first = tokens[start];
        if (first.Value[0] == '#')
        {
            return NamedColour.TryParseHex(first.Value.ToLowerInvariant(), first.Value, out colour) ? 1 : 0;
        }

        for (var length = Math.Min(MaxWordsPerName, tokens.Count - start); length > 0; length--)
        {
            var words = tokens.GetRange(start, length);
            if (words.Exists(w => w.Value[0] == '#'))
            {
                continue;
            }

            var last = words[^1];
            if (TryGet(sentence[first.Index..(last.Index + last.Length)], out colour))
            {
                return length;
            }
        }

        colour = default;
        return 0;
    }

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"colou?r|background|component|theme|palette|brand", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ColourSentence();

    [GeneratedRegex(@"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b|[A-Za-z]+")]
    private static partial Regex Token();
}
