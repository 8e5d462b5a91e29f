namespace WebGen;

/// <summary>Where a <see cref="PageText"/> was read: the channels through which a page's text reaches its graders.</summary>
public enum PageTextSource
{
    /// <summary>Rendered, visible text beyond what <see cref="PageCapture.VisibleText"/> keeps.</summary>
    Visible,

    /// <summary>Text of elements that are not visibly rendered: hidden, transparent, clipped to a pixel or off-screen.</summary>
    Hidden,

    /// <summary>A text attribute: <c>alt</c>, <c>title</c>, <c>placeholder</c>, <c>value</c> or an <c>aria-*</c> label.</summary>
    Attribute,

    /// <summary>The <c>content</c> of a <c>&lt;meta&gt;</c> element.</summary>
    Meta,

    /// <summary>An HTML comment in the document.</summary>
    Comment,
}
