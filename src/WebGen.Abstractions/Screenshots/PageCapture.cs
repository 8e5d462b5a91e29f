namespace WebGen;

/// <summary>A screenshot and what the browser observed while loading the page.</summary>
public sealed record class PageCapture
{
    /// <summary>The page address.</summary>
    public required Uri Url { get; init; }

    /// <summary>PNG bytes of the screenshot; empty when the capture failed.</summary>
    public ReadOnlyMemory<byte> Png { get; init; }

    /// <summary>Screenshot width in pixels.</summary>
    public int Width { get; init; }

    /// <summary>Screenshot height in pixels.</summary>
    public int Height { get; init; }

    /// <summary>HTTP status of the main document, when it loaded.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>The document title.</summary>
    public string? Title { get; init; }

    /// <summary>Messages the page logged with level error.</summary>
    public IReadOnlyList<string> ConsoleErrors { get; init; } = [];

    /// <summary>Uncaught exceptions thrown in the page.</summary>
    public IReadOnlyList<string> PageErrors { get; init; } = [];

    /// <summary>Requests to the site's own origin that failed or returned an HTTP error.</summary>
    public IReadOnlyList<string> FailedRequests { get; init; } = [];

    /// <summary>Requests to other origins, blocked by the browser policy.</summary>
    public IReadOnlyList<string> BlockedRequests { get; init; } = [];

    /// <summary>Text of the dev server's error overlay (for example Vite's), when one is shown.</summary>
    public string? ErrorOverlayText { get; init; }

    /// <summary>The page's accessibility tree as YAML (Playwright's aria snapshot), when captured.</summary>
    public string? AccessibilitySnapshot { get; init; }

    /// <summary>Visible text of the page body (truncated), for text-only judges and scorers.</summary>
    public string? VisibleText { get; init; }

    /// <summary>
    /// The page's text outside <see cref="VisibleText"/>: hidden and off-screen text, text attributes (<c>alt</c>,
    /// <c>title</c>, <c>placeholder</c>, <c>aria-*</c>), <c>&lt;meta&gt;</c> contents, comments, and visible text past
    /// <see cref="VisibleText"/>'s limit. The prompt-injection pre-check reads it with <see cref="Title"/> and
    /// <see cref="VisibleText"/>; empty when the capturer does not collect it.
    /// </summary>
    public IReadOnlyList<PageText> PageText { get; init; } = [];

    /// <summary>Accessibility violations found by the audit; null when no audit ran.</summary>
    public IReadOnlyList<AccessibilityViolation>? AccessibilityViolations { get; init; }

    /// <summary>Width of the document's scrollable area in CSS pixels.</summary>
    public int? DocumentScrollWidth { get; init; }

    /// <summary>Viewport width used for the capture in CSS pixels.</summary>
    public int ViewportWidth { get; init; }

    /// <summary>Time spent loading and capturing.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Why no usable screenshot exists (navigation failed, timeout); null when it succeeded.</summary>
    public string? Failure { get; init; }

    /// <summary>True when a screenshot was taken.</summary>
    public bool Succeeded => Failure is null && !Png.IsEmpty;
}
