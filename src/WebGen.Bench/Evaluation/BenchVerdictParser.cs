using System.Text.RegularExpressions;

namespace WebGen.Bench;

/// <summary>Reads a test case's verdict from the GUI agent's last message, in either <see cref="BenchVerdictMode"/>.</summary>
public static partial class BenchVerdictParser
{
    /// <summary>Reads the verdict.</summary>
    /// <param name="finalAnswer">The agent's last message; null when it gave none.</param>
    /// <param name="mode">How to read it.</param>
    /// <returns>
    /// <see cref="GuiVerdict.Yes"/>, <see cref="GuiVerdict.Partial"/> or <see cref="GuiVerdict.No"/>; in
    /// <see cref="BenchVerdictMode.Exact"/> mode <see cref="GuiVerdict.Unknown"/> when no verdict can be read (it scores 0).
    /// </returns>
    public static GuiVerdict Parse(string? finalAnswer, BenchVerdictMode mode) => mode switch
    {
        BenchVerdictMode.Exact => ParseExact(finalAnswer),
        BenchVerdictMode.Reference => ParseReference(finalAnswer),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown verdict mode."),
    };

    /// <summary>
    /// Reads a case's verdict: <see cref="BenchVerdictMode.Exact"/> from its <see cref="BenchCaseResult.FinalAnswer"/>,
    /// <see cref="BenchVerdictMode.Reference"/> from its whole <see cref="BenchCaseResult.LastMessage"/> (its final answer
    /// when the last message was not recorded).
    /// </summary>
    /// <param name="result">The case.</param>
    /// <param name="mode">How to read it.</param>
    public static GuiVerdict Parse(BenchCaseResult result, BenchVerdictMode mode)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Parse(mode == BenchVerdictMode.Reference ? result.LastMessage ?? result.FinalAnswer : result.FinalAnswer, mode);
    }

    /// <summary>The score of a verdict: 1 for YES, 0.5 for PARTIAL, 0 otherwise.</summary>
    /// <param name="verdict">The verdict.</param>
    public static double Score(GuiVerdict verdict) => verdict switch
    {
        GuiVerdict.Yes => 1,
        GuiVerdict.Partial => 0.5,
        _ => 0,
    };

    private static GuiVerdict ParseReference(string? text)
    {
        if (text is null)
        {
            return GuiVerdict.No;
        }

        // The published harness tests YES before PARTIAL on the whole message, so "YES" anywhere wins.
        if (text.Contains("YES", StringComparison.Ordinal))
        {
            return GuiVerdict.Yes;
        }

        return text.Contains("PARTIAL", StringComparison.Ordinal) ? GuiVerdict.Partial : GuiVerdict.No;
    }

    private static GuiVerdict ParseExact(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return GuiVerdict.Unknown;
        }

        var lastLine = text.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0) ?? "";
        var match = FinalLine().Match(lastLine);
        if (!match.Success)
        {
            return GuiVerdict.Unknown;
        }

        return match.Groups["verdict"].Value.ToUpperInvariant() switch
        {
            "YES" => GuiVerdict.Yes,
            "PARTIAL" => GuiVerdict.Partial,
            _ => GuiVerdict.No,
        };
    }

    // Optional decoration (quotes, bold, bullets), an optional "Action: ANSWER;" / "Final answer:" prefix, then the
    // verdict as a whole word at the start of what is left: "YES", "**PARTIAL**", "Answer: NO - the form fails".
    [GeneratedRegex(@"^[\s>*_`""'\-•]*(?:action\s*[:：]\s*)?[\s*_`""']*(?:(?:final\s+)?answer\s*[:;：\-]?)?[\s*_`""'\[(]*(?<verdict>YES|PARTIAL|NO)(?![A-Za-z0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FinalLine();
}
