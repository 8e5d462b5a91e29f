namespace WebGen.Playwright;

/// <summary>How a GUI agent's final answer becomes a <see cref="GuiVerdict"/>.</summary>
public enum GuiVerdictParsing
{
    /// <summary>
    /// The answer itself must be YES, NO or PARTIAL: its first word, ignoring case, quotes and markdown
    /// emphasis ("YES", "Yes, the cart works", "**NO**"). "The answer is not YES" is
    /// <see cref="GuiVerdict.Unknown"/>, not YES. The default.
    /// </summary>
    Exact,

    /// <summary>
    /// The WebGen-Bench harness rule, for comparing with published tables: the text contains "YES" → yes,
    /// else contains "PARTIAL" → partial, else no (case-sensitive substring tests; never unknown).
    /// </summary>
    ReferenceCompatible,
}
