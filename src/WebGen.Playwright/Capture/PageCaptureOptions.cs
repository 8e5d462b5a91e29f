using System.ComponentModel.DataAnnotations;

namespace WebGen.Playwright;

/// <summary>How <see cref="PlaywrightPageCapturer"/> decides a page is ready and what it records.</summary>
public sealed class PageCaptureOptions
{
    /// <summary>Longest wait for the document's load event. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan NavigationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long no request may be in flight before the network counts as idle. Default 75 ms: long
    /// enough for a fetch started by the first render to begin, far shorter than Playwright's fixed 500 ms.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan NetworkQuietPeriod { get; set; } = TimeSpan.FromMilliseconds(75);

    /// <summary>Cap on the network-idle wait after load (pages that poll or stream never go idle). Default 3 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan NetworkIdleCap { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Cap on waiting for web fonts (<c>document.fonts.ready</c>). Default 2 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan FontsCap { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// When the page had errors but shows no Vite error overlay yet, how long to wait for the overlay
    /// (the dev server pushes it over its socket after the failed module request). Default 1.5 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan ErrorOverlayWait { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Freeze CSS animations and transitions for the screenshot, so equal pages give equal images. Default true.</summary>
    public bool DisableAnimations { get; set; } = true;

    /// <summary>Longest visible text kept in <see cref="PageCapture.VisibleText"/>. Default 4000 characters.</summary>
    [Range(0, 1_000_000)]
    public int MaxVisibleTextChars { get; set; } = 4000;

    /// <summary>
    /// Most characters kept in <see cref="PageCapture.PageText"/> (hidden text, text attributes, meta contents, comments
    /// and visible text past <see cref="MaxVisibleTextChars"/>), which the prompt-injection pre-check reads; 0 collects
    /// none. Default 20000.
    /// </summary>
    [Range(0, 1_000_000)]
    public int MaxPageTextChars { get; set; } = 20_000;

    /// <summary>Longest accessibility snapshot kept; 0 skips the snapshot. Default 8000 characters.</summary>
    [Range(0, 1_000_000)]
    public int MaxAccessibilitySnapshotChars { get; set; } = 8000;

    /// <summary>The axe-core rule tags audited. Default WCAG 2.0 and 2.1, levels A and AA.</summary>
    [MinLength(1)]
    public IList<string> AxeTags { get; set; } = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>How many offending elements are kept per violated rule. Default 5.</summary>
    [Range(0, 1000)]
    public int MaxAxeTargets { get; set; } = 5;

    /// <summary>
    /// Origins besides the site's own the browser may load from (for example <c>http://127.0.0.1:8080</c>
    /// for a companion API). Everything else is blocked and recorded. Default none.
    /// </summary>
    public IList<string> AdditionalAllowedOrigins { get; set; } = [];
}
