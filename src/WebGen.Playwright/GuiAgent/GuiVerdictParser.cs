using System.Text.RegularExpressions;

namespace WebGen.Playwright;

/// <summary>Turns a GUI agent's final answer into a verdict, exactly (default) or by the WebGen-Bench substring rule.</summary>
public static partial class GuiVerdictParser
{
    /// <summary>Parses <paramref name="answer"/> with <paramref name="mode"/>.</summary>
    /// <param name="answer">The agent's final answer (or, in reference mode, its last message); null when it gave none.</param>
    /// <param name="mode">The parsing rule.</param>
    public static GuiVerdict Parse(string? answer, GuiVerdictParsing mode = GuiVerdictParsing.Exact)
    {
        if (mode == GuiVerdictParsing.ReferenceCompatible)
        {
            return answer is null ? GuiVerdict.No
                : answer.Contains("YES", StringComparison.Ordinal) ? GuiVerdict.Yes
                : answer.Contains("PARTIAL", StringComparison.Ordinal) ? GuiVerdict.Partial
                : GuiVerdict.No;
        }

        var match = LeadingWord().Match(answer ?? "");
        if (!match.Success)
        {
            return GuiVerdict.Unknown;
        }

        return match.Groups[1].Value.ToUpperInvariant() switch
        {
            "YES" => GuiVerdict.Yes,
            "NO" => GuiVerdict.No,
            "PARTIAL" or "PARTIALLY" => GuiVerdict.Partial,
            _ => GuiVerdict.Unknown,
        };
    }

    // The first word after optional quotes, emphasis or brackets, ending at a non-letter.
    [GeneratedRegex(@"^[\s""'`*_\[(]*([A-Za-z]+)(?![A-Za-z])")]
    private static partial Regex LeadingWord();
}
