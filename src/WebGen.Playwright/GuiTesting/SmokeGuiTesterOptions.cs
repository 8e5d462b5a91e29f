using System.ComponentModel.DataAnnotations;

namespace WebGen.Playwright;

/// <summary>Settings of <see cref="SmokeGuiTester"/>.</summary>
public sealed class SmokeGuiTesterOptions
{
    /// <summary>Most buttons and links clicked per test. Default 25.</summary>
    [Range(1, 500)]
    public int MaxElements { get; set; } = 25;

    /// <summary>Reload the start page before each click, so every click is tested from the same state and its errors are its own. Default true.</summary>
    public bool ReloadBetweenClicks { get; set; } = true;

    /// <summary>Longest a click may wait for its element to become clickable. Default 3 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ClickTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Longest wait for a page load. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan NavigationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After a click, how long no request may be in flight before the page counts as settled. Default 100 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan NetworkQuietPeriod { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Cap on the settle wait after a click. Default 3 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan SettleCap { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Browser window width. Default 1024.</summary>
    [Range(200, 4000)]
    public int ViewportWidth { get; set; } = 1024;

    /// <summary>Browser window height. Default 768.</summary>
    [Range(200, 4000)]
    public int ViewportHeight { get; set; } = 768;

    /// <summary>Keep a screenshot after each click in the trajectory. Default false.</summary>
    public bool KeepScreenshots { get; set; }
}
