namespace WebGen;

/// <summary>Options of one page capture.</summary>
public sealed record class PageCaptureRequest
{
    /// <summary>The page to load.</summary>
    public required Uri Url { get; init; }

    /// <summary>
    /// Groups captures of one episode so they share browser state (cookies, storage) and a warm page;
    /// different sessions are isolated from each other.
    /// </summary>
    public string SessionId { get; init; } = "default";

    /// <summary>Viewport width in CSS pixels (reference: 1024).</summary>
    public int ViewportWidth { get; init; } = 1024;

    /// <summary>Viewport height in CSS pixels (reference: 768).</summary>
    public int ViewportHeight { get; init; } = 768;

    /// <summary>Capture the whole scrollable page instead of the viewport.</summary>
    public bool FullPage { get; init; }

    /// <summary>Run the accessibility audit (axe-core) and fill <see cref="PageCapture.AccessibilityViolations"/>.</summary>
    public bool AuditAccessibility { get; init; } = true;
}
