namespace WebGen;

/// <summary>
/// A piece of the page's text that a screenshot does not show plainly but a grader may still read: the GUI agent reads
/// labels and attributes, a text-only judge reads the accessibility tree, and every model reads what the page renders.
/// </summary>
public sealed record class PageText
{
    /// <summary>The channel.</summary>
    public required PageTextSource Source { get; init; }

    /// <summary>Which element or attribute, for example <c>img alt</c> or <c>meta description</c>; null when the source says enough.</summary>
    public string? Where { get; init; }

    /// <summary>The text, whitespace collapsed.</summary>
    public required string Text { get; init; }
}
